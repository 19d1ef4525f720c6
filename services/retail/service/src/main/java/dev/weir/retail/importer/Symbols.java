package dev.weir.retail.importer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The distinct values of one column, as bytes, each with a small number (its id, in order
 * of first appearance). A file of half a million rows has a few thousand distinct codes,
 * prices and dates, so interning rows into ids turns comparing rows into comparing ints
 * and makes every value's parsing and decoding happen once. Decoding waits until the
 * whole file is read, when its encoding is known.
 */
final class Symbols {

    private byte[] arena = new byte[1 << 14];

    private int arenaLength;

    /** Symbol i is {@code arena[starts[i], starts[i + 1])}. */
    private int[] starts = new int[1025];

    private int[] hashes = new int[1024];

    private int count;

    /** Slots hold id + 1; 0 is empty. */
    private int[] slots = new int[2048];

    private boolean allValidUtf8 = true;

    /**
     * The id {@link #intern} returned last, and the raw hash of its value; -1 for none.
     */
    private int lastId = -1;

    private int lastRawHash;

    /**
     * The id of the value {@code bytes[from, to)}, adding it if it is new.
     * @param rawHash its {@link #rawHash}, computed by the caller on the way
     */
    int intern(byte[] bytes, int from, int to, int rawHash) {
        // rows of one invoice follow each other and repeat its number, date, customer and
        // country: the value interned last is checked first, without a probe
        int last = this.lastId;
        if (rawHash == this.lastRawHash && last >= 0
                && Arrays.equals(this.arena, this.starts[last], this.starts[last + 1], bytes, from, to)) {
            return last;
        }
        int id = probe(bytes, from, to, rawHash);
        this.lastId = id;
        this.lastRawHash = rawHash;
        return id;
    }

    private int probe(byte[] bytes, int from, int to, int rawHash) {
        int hash = mix(rawHash);
        int mask = this.slots.length - 1;
        int slot = hash & mask;
        while (true) {
            int entry = this.slots[slot];
            if (entry == 0) {
                break;
            }
            int id = entry - 1;
            if (this.hashes[id] == hash
                    && Arrays.equals(this.arena, this.starts[id], this.starts[id + 1], bytes, from, to)) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
        int id = add(bytes, from, to, hash);
        this.slots[slot] = id + 1;
        if (this.count * 2 > this.slots.length) {
            rehash();
        }
        return id;
    }

    private int add(byte[] bytes, int from, int to, int hash) {
        int id = this.count;
        if (id == this.hashes.length) {
            this.hashes = Arrays.copyOf(this.hashes, id * 2);
            this.starts = Arrays.copyOf(this.starts, id * 2 + 1);
        }
        int size = to - from;
        if (this.arenaLength + size > this.arena.length) {
            this.arena = Arrays.copyOf(this.arena, Math.max(this.arena.length * 2, this.arenaLength + size));
        }
        System.arraycopy(bytes, from, this.arena, this.arenaLength, size);
        this.arenaLength += size;
        this.starts[id + 1] = this.arenaLength;
        this.hashes[id] = hash;
        this.count++;
        if (this.allValidUtf8 && !isAscii(bytes, from, to) && !isValidUtf8(bytes, from, to)) {
            this.allValidUtf8 = false;
        }
        return id;
    }

    private void rehash() {
        int[] larger = new int[this.slots.length * 2];
        int mask = larger.length - 1;
        for (int id = 0; id < this.count; id++) {
            int slot = this.hashes[id] & mask;
            while (larger[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            larger[slot] = id + 1;
        }
        this.slots = larger;
    }

    /**
     * {@code h = 31 * h + b} over the bytes (signed), as {@link CsvReader} hashes fields.
     */
    static int rawHash(byte[] bytes, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + bytes[i];
        }
        return h;
    }

    private static int mix(int rawHash) {
        int h = rawHash * 0x9E3779B9;
        return h ^ (h >>> 15);
    }

    int size() {
        return this.count;
    }

    int length(int id) {
        return this.starts[id + 1] - this.starts[id];
    }

    /**
     * Whether the value is plain ASCII, so reads the same in every supported encoding.
     */
    boolean isAscii(int id) {
        return isAscii(this.arena, this.starts[id], this.starts[id + 1]);
    }

    /** Whether every value is valid UTF-8 (plain ASCII is). */
    boolean allValidUtf8() {
        return this.allValidUtf8;
    }

    String decode(int id, Charset charset) {
        return new String(this.arena, this.starts[id], length(id), charset);
    }

    /** Every value decoded, indexed by id. */
    String[] decodeAll(Charset charset) {
        String[] values = new String[this.count];
        for (int id = 0; id < this.count; id++) {
            values[id] = decode(id, charset);
        }
        return values;
    }

    private static boolean isAscii(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The number of characters of UTF-8 bytes (those that do not continue a sequence); as
     * many as there are bytes for text in one byte per character.
     */
    static int characters(byte[] bytes, int from, int to) {
        int characters = 0;
        for (int i = from; i < to; i++) {
            if ((bytes[i] & 0xC0) != 0x80) {
                characters++;
            }
        }
        return characters;
    }

    static boolean isValidUtf8(byte[] bytes, int from, int to) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, from, to - from));
            return true;
        }
        catch (CharacterCodingException ex) {
            return false;
        }
    }

}
