/**
 * What a dataset plugs into the pipeline: its {@link dev.weir.pipeline.spi.Dataset}
 * (source topics, warehouse tables, rules) and its {@link dev.weir.pipeline.spi.Cleaner}
 * (raw record in, typed rows or a rejection out). The clean stage and the loader do the
 * rest: dropping repeats, dead letters, counting, exactly-once loading.
 */
package dev.weir.pipeline.spi;
