package io.lossgrid.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The driver's own reads and rewrites of one batch folder's Parquet files, with parquet-mr and no Spark
 * job: the ids and statuses of committed trials (a resume reads them before anything is trained), and a
 * filtered copy of a batch (a rerun of FAILED trials takes them out). Data files are the folder's
 * {@code *.parquet} files; names starting with {@code _} or {@code .} are not data.
 */
final class BatchFiles {
    private BatchFiles() {
    }

    /** Takes the rows of a file one by one. */
    @FunctionalInterface
    interface Rows {
        void accept(Group row) throws IOException;
    }

    /** The data files of a batch folder, in name order. */
    static List<Path> parts(FileSystem fs, Path folder) throws IOException {
        List<Path> out = new ArrayList<>();
        for (FileStatus s : fs.listStatus(folder)) {
            String n = s.getPath().getName();
            if (s.isFile() && n.endsWith(".parquet") && !n.startsWith("_") && !n.startsWith(".")) {
                out.add(s.getPath());
            }
        }
        out.sort(null);
        return out;
    }

    /** Calls {@code each} with every row of {@code file}, read with only the named {@code columns}. */
    static void read(Configuration base, Path file, List<String> columns, Rows each) throws IOException {
        MessageType schema;
        try (ParquetFileReader f = ParquetFileReader.open(HadoopInputFile.fromPath(file, base))) {
            schema = f.getFooter().getFileMetaData().getSchema();
        }
        List<Type> fields = new ArrayList<>();
        for (String c : columns) {
            fields.add(schema.getType(c));
        }
        Configuration conf = new Configuration(base);
        conf.set(ReadSupport.PARQUET_READ_SCHEMA, new MessageType(schema.getName(), fields).toString());
        try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(), file).withConf(conf).build()) {
            for (Group g = r.read(); g != null; g = r.read()) {
                each.accept(g);
            }
        }
    }

    /**
     * Writes the rows of {@code files} that {@code keep} accepts to one file {@code to} of {@code schema}
     * (the table's, so the copy has the types of the original); returns how many it dropped.
     */
    static long copy(Configuration conf, List<Path> files, Path to, MessageType schema, Predicate<Group> keep)
            throws IOException {
        long dropped = 0;
        List<String> all = schema.getFields().stream().map(Type::getName).toList();
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(to).withConf(conf).withType(schema)
                .withCompressionCodec(CompressionCodecName.SNAPPY).build()) {
            for (Path f : files) {
                long[] gone = {0};
                read(conf, f, all, g -> {
                    if (keep.test(g)) {
                        w.write(g);
                    } else {
                        gone[0]++;
                    }
                });
                dropped += gone[0];
            }
        }
        return dropped;
    }
}
