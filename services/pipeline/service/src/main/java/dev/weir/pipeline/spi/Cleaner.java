package dev.weir.pipeline.spi;

/**
 * Cleans a dataset's raw records. A cleaner is a pure function of the record: the clean
 * stage may call it again for the same record after a crash (only its outputs are
 * committed once), so it must not have side effects. It may throw: the record is then
 * dead-lettered under the rule {@code <dataset>.unreadable}, and the stream goes on.
 */
@FunctionalInterface
public interface Cleaner {

    Cleaning clean(RawRecord record);

}
