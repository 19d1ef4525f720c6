package dev.weir.ingest.lake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Service;

import dev.weir.platform.error.WeirException;

/**
 * What is in the lake: datasets, their partitions (date and hour) and files with rows.
 */
@Service
public class LakeCatalog {

    private final LakeStorage storage;

    LakeCatalog(LakeStorage storage) {
        this.storage = storage;
    }

    /** Where the lake is. */
    public String location() {
        return this.storage.location();
    }

    /** Every dataset, with its partitions and files. */
    public List<LakeViews.Dataset> datasets() {
        Map<String, List<LakeStorage.LakeFile>> byDataset = new TreeMap<>();
        for (LakeStorage.LakeFile file : files("")) {
            byDataset.computeIfAbsent(file.key().substring(0, file.key().indexOf('/')), (d) -> new ArrayList<>())
                .add(file);
        }
        List<LakeViews.Dataset> datasets = new ArrayList<>();
        byDataset.forEach((name, files) -> datasets.add(LakeViews.Dataset.of(name, files)));
        return datasets;
    }

    /**
     * One dataset.
     * @throws WeirException not found (404) when it has no file
     */
    public LakeViews.Dataset dataset(String name) {
        if (name.contains("/") || name.contains("..")) {
            throw WeirException.notFound("Dataset not found", "No dataset '" + name + "' in the lake.");
        }
        List<LakeStorage.LakeFile> files = files(name + "/");
        if (files.isEmpty()) {
            throw WeirException
                .notFound("Dataset not found",
                        "The lake (" + location() + ") has no file of dataset '" + name + "' yet.")
                .with("dataset", name);
        }
        return LakeViews.Dataset.of(name, files);
    }

    private List<LakeStorage.LakeFile> files(String prefix) {
        try {
            return this.storage.list(prefix);
        }
        catch (IOException ex) {
            throw WeirException.unavailable("Lake unavailable",
                    "The lake (" + location() + ") cannot be listed right now: " + ex.getMessage());
        }
    }

}
