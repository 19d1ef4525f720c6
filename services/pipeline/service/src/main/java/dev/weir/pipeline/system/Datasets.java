package dev.weir.pipeline.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.weir.pipeline.spi.Dataset;
import dev.weir.pipeline.spi.Table;
import dev.weir.platform.error.WeirException;

/** The datasets this process handles ({@code weir.pipeline.datasets}), by name. */
@Component
public class Datasets {

    private final Map<String, Dataset> byName = new LinkedHashMap<>();

    private final Map<String, Table> tables = new LinkedHashMap<>();

    private final Map<String, String> datasetOfTable = new LinkedHashMap<>();

    Datasets(List<Dataset> all, PipelineProperties properties) {
        all.stream()
            .filter((dataset) -> properties.handles(dataset.name()))
            .sorted(java.util.Comparator.comparing(Dataset::name))
            .forEach((dataset) -> {
                this.byName.put(dataset.name(), dataset);
                dataset.tables().forEach((table) -> {
                    this.tables.put(table.name(), table);
                    this.datasetOfTable.put(table.name(), dataset.name());
                });
            });
    }

    /** Every dataset handled, by name. */
    public List<Dataset> all() {
        return List.copyOf(this.byName.values());
    }

    /**
     * The dataset called {@code name}.
     * @throws WeirException not found
     */
    public Dataset get(String name) {
        Dataset dataset = this.byName.get(name);
        if (dataset == null) {
            throw WeirException.notFound("Unknown dataset",
                    "There is no dataset '" + name + "'; the datasets are " + this.byName.keySet());
        }
        return dataset;
    }

    /** The table called {@code name}, if a dataset has it. */
    public Optional<Table> table(String name) {
        return Optional.ofNullable(this.tables.get(name));
    }

    /** The dataset a table belongs to. */
    public String datasetOf(Table table) {
        return this.datasetOfTable.get(table.name());
    }

}
