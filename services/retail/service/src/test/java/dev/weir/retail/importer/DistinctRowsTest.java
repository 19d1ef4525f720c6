package dev.weir.retail.importer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.ToIntFunction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Setting aside rows identical to an earlier one, checked against a plain
 * {@link LinkedHashSet} of the same rows: the first of identical rows stays, in file
 * order, however the rows' hashes collide.
 */
class DistinctRowsTest {

    private static final int COLUMNS = RetailCsv.COLUMNS;

    @Test
    void keepsTheFirstOfIdenticalRowsInFileOrder() {
        // few values per column, so a good share of the rows repeat an earlier one
        List<int[]> rows = randomRows(new Random(7), 20_000, 3);
        DistinctRows.Builder builder = new DistinctRows.Builder(100);
        rows.forEach(builder::add);

        DistinctRows distinct = build(builder, rows.size());

        List<List<Integer>> expected = new ArrayList<>(firstOfEach(rows));
        assertThat(distinct.duplicates).isEqualTo(rows.size() - expected.size()).isPositive();
        assertThat(distinct.count).isEqualTo(expected.size());
        assertThat(rowsOf(distinct)).isEqualTo(expected);
    }

    @Test
    void findsTheSameDuplicatesWhenEveryRowHasTheSameHash() {
        // what a file built to collide would do: one run of thousands of rows of one hash
        assertSameAsASet(rows -> 0);
    }

    @Test
    void findsTheSameDuplicatesWhenRowsCollideInSmallAndLargeGroups() {
        assertSameAsASet(row -> row[0] % 5 == 0 ? row[0] : row[1] * 31 + row[2]);
    }

    @Test
    void aFileWithoutDuplicatesKeepsEveryRow() {
        List<int[]> rows = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            rows.add(new int[] { i / 7, i % 7, i, 1, 2, 3, 4, 5 });
        }
        DistinctRows.Builder builder = new DistinctRows.Builder(10);
        rows.forEach(builder::add);

        DistinctRows distinct = build(builder, rows.size());

        assertThat(distinct.duplicates).isZero();
        assertThat(rowsOf(distinct)).isEqualTo(rows.stream().map(DistinctRowsTest::boxed).toList());
    }

    private static void assertSameAsASet(ToIntFunction<int[]> hash) {
        List<int[]> rows = randomRows(new Random(11), 3_000, 2);
        int[][] columns = new int[COLUMNS][rows.size()];
        int[] hashes = new int[rows.size()];
        for (int row = 0; row < rows.size(); row++) {
            for (int column = 0; column < COLUMNS; column++) {
                columns[column][row] = rows.get(row)[column];
            }
            hashes[row] = hash.applyAsInt(rows.get(row));
        }

        boolean[] duplicate = DistinctRows.duplicates(columns, rows.size(), hashes);

        Set<List<Integer>> seen = new LinkedHashSet<>();
        for (int row = 0; row < rows.size(); row++) {
            boolean first = seen.add(boxed(rows.get(row)));
            assertThat(duplicate[row]).as("row %d is a duplicate", row).isEqualTo(!first);
        }
        assertThat(seen.size()).isLessThan(rows.size());
    }

    private static List<int[]> randomRows(Random random, int count, int valuesPerColumn) {
        List<int[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] row = new int[COLUMNS];
            for (int column = 0; column < COLUMNS; column++) {
                row[column] = random.nextInt(valuesPerColumn);
            }
            rows.add(row);
        }
        return rows;
    }

    private static Set<List<Integer>> firstOfEach(List<int[]> rows) {
        Set<List<Integer>> first = new LinkedHashSet<>();
        rows.forEach(row -> first.add(boxed(row)));
        return first;
    }

    private static DistinctRows build(DistinctRows.Builder builder, long linesRead) {
        Symbols[] symbols = new Symbols[COLUMNS];
        Arrays.setAll(symbols, column -> new Symbols());
        return builder.build(ImportFormat.UCI_EXPORT, StandardCharsets.UTF_8, false, 0, linesRead, symbols, new int[0],
                new long[0], new long[0], null);
    }

    private static List<List<Integer>> rowsOf(DistinctRows distinct) {
        List<List<Integer>> rows = new ArrayList<>();
        for (int row = 0; row < distinct.count; row++) {
            int[] values = new int[COLUMNS];
            for (int column = 0; column < COLUMNS; column++) {
                values[column] = distinct.value(column, row);
            }
            rows.add(boxed(values));
        }
        return rows;
    }

    private static List<Integer> boxed(int[] row) {
        return Arrays.stream(row).boxed().toList();
    }

}
