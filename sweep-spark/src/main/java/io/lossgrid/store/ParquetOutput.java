package io.lossgrid.store;

import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetOutputFormat;
import org.apache.parquet.hadoop.example.ExampleOutputFormat;
import org.apache.parquet.hadoop.example.GroupWriteSupport;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Writes rows of a results table as Parquet files through Spark's Hadoop output commit protocol
 * ({@code saveAsNewAPIHadoopFile}: task attempts write to temporary files, the job commit moves them into
 * place and writes {@code _SUCCESS} last). It uses parquet-mr's own writer, not Spark SQL: a sweep's
 * driver then never starts the SQL engine, whose first queries cost seconds of warm-up on a small
 * machine. The files are the same plain Parquet a Spark SQL write produces (string, double, int32, int64;
 * nullable columns optional), snappy-compressed.
 */
public final class ParquetOutput {
    private ParquetOutput() {
    }

    /** The Parquet schema of a table: required or optional primitives, strings annotated as such. */
    public static MessageType parquetSchema(StructType schema) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (StructField f : schema.fields()) {
            Repetition rep = f.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
            DataType t = f.dataType();
            if (t.equals(DataTypes.StringType)) {
                b.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType()).named(f.name());
            } else if (t.equals(DataTypes.DoubleType)) {
                b.primitive(PrimitiveTypeName.DOUBLE, rep).named(f.name());
            } else if (t.equals(DataTypes.IntegerType)) {
                b.primitive(PrimitiveTypeName.INT32, rep).named(f.name());
            } else if (t.equals(DataTypes.LongType)) {
                b.primitive(PrimitiveTypeName.INT64, rep).named(f.name());
            } else {
                throw new IllegalArgumentException("results tables use string, double, int and bigint only, found "
                        + t.simpleString() + " in " + f.name());
            }
        }
        return b.named("spark_schema");
    }

    /** Writes {@code rows} (of {@code schema}) under {@code path}, which must not exist yet. */
    public static void write(JavaRDD<Row> rows, StructType schema, String path, Configuration base) {
        MessageType parquet = parquetSchema(schema);
        Configuration conf = new Configuration(base);
        GroupWriteSupport.setSchema(parquet, conf);
        conf.set(ParquetOutputFormat.COMPRESSION, "SNAPPY");
        conf.set("parquet.summary.metadata.level", "NONE");
        String text = parquet.toString();
        StructType sparkSchema = schema;
        rows.mapPartitionsToPair(it -> groups(it, MessageTypeParser.parseMessageType(text), sparkSchema))
                .saveAsNewAPIHadoopFile(path, Void.class, Group.class, ExampleOutputFormat.class, conf);
    }

    private static Iterator<Tuple2<Void, Group>> groups(Iterator<Row> rows, MessageType parquet, StructType schema) {
        SimpleGroupFactory factory = new SimpleGroupFactory(parquet);
        StructField[] fields = schema.fields();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Tuple2<Void, Group> next() {
                Row r = rows.next();
                Group g = factory.newGroup();
                for (int i = 0; i < fields.length; i++) {
                    Object v = r.get(i);
                    if (v == null) {
                        if (!fields[i].nullable()) {
                            throw new IllegalStateException(fields[i].name() + " is not nullable but was null");
                        }
                        continue;
                    }
                    if (v instanceof String s) {
                        g.add(i, s);
                    } else if (v instanceof Double d) {
                        g.add(i, d);
                    } else if (v instanceof Integer n) {
                        g.add(i, n);
                    } else if (v instanceof Long n) {
                        g.add(i, n);
                    } else {
                        throw new IllegalStateException(fields[i].name() + " holds a " + v.getClass().getName());
                    }
                }
                return new Tuple2<>(null, g);
            }
        };
    }
}
