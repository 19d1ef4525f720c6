package dev.weir.ingest.lake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the admin API shows of the lake. */
public final class LakeViews {

    private LakeViews() {
    }

    /**
     * @param location where the lake is
     * @param datasets its datasets
     */
    public record Lake(String location, List<Dataset> datasets) {
    }

    /**
     * @param name the dataset ({@code weir.raw.<name>})
     * @param files how many files
     * @param rows rows in all of them
     * @param bytes their size
     * @param partitions its partitions, oldest first
     */
    public record Dataset(String name, int files, long rows, long bytes, List<Partition> partitions) {

        static Dataset of(String name, List<LakeStorage.LakeFile> files) {
            Map<String, List<LakeStorage.LakeFile>> byPartition = new TreeMap<>();
            for (LakeStorage.LakeFile file : files) {
                String rest = file.key().substring(name.length() + 1);
                byPartition.computeIfAbsent(rest.substring(0, rest.lastIndexOf('/')), (p) -> new ArrayList<>())
                    .add(file);
            }
            List<Partition> partitions = new ArrayList<>();
            byPartition.forEach((path, inside) -> partitions.add(Partition.of(path, inside)));
            return new Dataset(name, files.size(), partitions.stream().mapToLong(Partition::rows).sum(),
                    files.stream().mapToLong(LakeStorage.LakeFile::bytes).sum(), partitions);
        }

    }

    /**
     * @param path {@code date=YYYY-MM-DD/hour=HH}
     * @param rows rows in its files
     * @param files its files
     */
    public record Partition(String path, long rows, List<File> files) {

        static Partition of(String path, List<LakeStorage.LakeFile> files) {
            List<File> views = files.stream()
                .map((f) -> new File(f.key().substring(f.key().lastIndexOf('/') + 1), f.key(), f.rows(), f.bytes()))
                .toList();
            return new Partition(path, views.stream().mapToLong((f) -> Math.max(0, f.rows())).sum(), views);
        }

    }

    /**
     * @param name {@code <topic>-<partition>-<first offset>.parquet}
     * @param key its path under the lake's root
     * @param rows its rows (-1 if unknown)
     * @param bytes its size
     */
    public record File(String name, String key, long rows, long bytes) {
    }

}
