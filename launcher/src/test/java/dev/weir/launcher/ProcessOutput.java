package dev.weir.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Everything a child process has printed so far, read by a daemon thread as it comes. */
final class ProcessOutput {

    private final StringBuffer text = new StringBuffer();

    private final Thread reader;

    ProcessOutput(Process process, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    this.text.append(line).append('\n');
                }
            }
            catch (IOException ex) {
                // the process ended
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
        this.reader = reader;
    }

    /**
     * Everything the process printed, once it has ended: waits (a few seconds at most)
     * for the last of it to be read.
     */
    String whenEnded() {
        try {
            this.reader.join(5_000);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return toString();
    }

    @Override
    public String toString() {
        return this.text.toString();
    }

}
