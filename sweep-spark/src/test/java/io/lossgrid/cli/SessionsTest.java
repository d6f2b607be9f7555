package io.lossgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a verb's session is built with: lossgrid's settings, spark-submit's, spark-defaults.conf and --conf. */
class SessionsTest {
    private static final Optional<Path> JAR = Optional.of(Path.of("/opt/lossgrid/lossgrid.jar"));

    private static SparkConf submitted(String... keyValues) {
        SparkConf conf = new SparkConf(false);
        for (int i = 0; i < keyValues.length; i += 2) {
            conf.set(keyValues[i], keyValues[i + 1]);
        }
        return conf;
    }

    @Test
    void aLocalSessionHasNoWebUiUnlessAskedFor() {
        Map<String, String> quiet = Sessions.config("local[2]", SparkSettings.of(null), submitted(), Map.of(), JAR, Map.of());
        Map<String, String> withUi = Sessions.config("local[2]", new SparkSettings(null, Map.of(), true, false),
                submitted(), Map.of(), JAR, Map.of());
        assertEquals("false", quiet.get("spark.ui.enabled"));
        assertEquals("true", withUi.get("spark.ui.enabled"));
    }

    @Test
    void confGivenOnTheCommandLineWinsOverEveryOtherSetting() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.sql.session.timeZone", "Europe/Berlin");
        conf.put("spark.ui.enabled", "true");
        Map<String, String> out = Sessions.config("local[2]", new SparkSettings(null, conf, false, false),
                submitted("spark.ui.enabled", "false"), Map.of("spark.sql.session.timeZone", "Asia/Tokyo"), JAR, Map.of());
        assertEquals("Europe/Berlin", out.get("spark.sql.session.timeZone"));
        assertEquals("true", out.get("spark.ui.enabled"));
    }

    @Test
    void aClusterSessionServesTheJarItRunsFromUnlessSparkSubmitDid() {
        assertEquals("/opt/lossgrid/lossgrid.jar", Sessions.config("spark://h:7077", SparkSettings.of(null), submitted(),
                Map.of(), JAR, Map.of()).get("spark.jars"));
        assertFalse(Sessions.config("spark://h:7077", SparkSettings.of(null), submitted("spark.jars", "/x/app.jar"),
                Map.of(), JAR, Map.of()).containsKey("spark.jars"), "spark-submit's spark.jars stays as it is");
        assertFalse(Sessions.config("local[2]", SparkSettings.of(null), submitted(), Map.of(), JAR, Map.of()).containsKey("spark.jars"),
                "a local session loads nothing extra");
        assertFalse(Sessions.config("spark://h:7077", SparkSettings.of(null), submitted(), Map.of(), Optional.empty(), Map.of())
                .containsKey("spark.jars"), "classes from a directory have no jar to serve");
    }

    @Test
    void sparkDefaultsApplyOnlyWhereSparkSubmitSetNothing() {
        Map<String, String> out = Sessions.config("spark://h:7077", SparkSettings.of(null),
                submitted("spark.executorEnv.OMP_NUM_THREADS", "4"),
                Map.of("spark.authenticate", "true", "spark.executorEnv.OMP_NUM_THREADS", "8"), JAR, Map.of());
        assertEquals("true", out.get("spark.authenticate"));
        assertEquals("4", out.get("spark.executorEnv.OMP_NUM_THREADS"));
    }

    @Test
    void aDriverStartedByAWorkerTakesTheSecretTheWorkerHandsIt() {
        Map<String, String> env = Map.of("_SPARK_AUTH_SECRET", "from-the-worker");
        assertEquals("from-the-worker", Sessions.config("spark://h:7077", SparkSettings.of(null),
                submitted("spark.authenticate", "true"), Map.of(), JAR, env).get("spark.authenticate.secret"));
        assertFalse(Sessions.config("spark://h:7077", SparkSettings.of(null),
                submitted("spark.authenticate", "true", "spark.authenticate.secret", "given"), Map.of(), JAR, env)
                .containsKey("spark.authenticate.secret"), "a secret in the configuration stays");
        assertFalse(Sessions.config("spark://h:7077", SparkSettings.of(null), submitted(), Map.of(), JAR, env)
                .containsKey("spark.authenticate.secret"), "no authentication, no secret");
    }

    @Test
    void executorsGetOneBlasThreadByDefault() {
        assertEquals("1", Sessions.config("spark://h:7077", SparkSettings.of(null), submitted(), Map.of(), JAR, Map.of())
                .get("spark.executorEnv.OMP_NUM_THREADS"));
    }

    @Test
    void sparkDefaultsConfIsReadFromSparkConfDirAsSparkSubmitReadsIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("spark-defaults.conf"), String.join("\n", List.of(
                "# the test cluster's", "spark.authenticate   true", "spark.authenticate.secret s3cret  ", "other.key 1")));
        Map<String, String> read = Sessions.sparkDefaultsFile(Map.of("SPARK_CONF_DIR", dir.toString()));
        assertEquals(Map.of("spark.authenticate", "true", "spark.authenticate.secret", "s3cret"), read);
    }

    @Test
    void noSparkConfDirMeansNoDefaults(@TempDir Path dir) {
        assertEquals(Map.of(), Sessions.sparkDefaultsFile(Map.of()));
        assertEquals(Map.of(), Sessions.sparkDefaultsFile(Map.of("SPARK_CONF_DIR", dir.toString())));
    }

    @Test
    void onlyLocalMastersAreLocal() {
        assertTrue(Sessions.isLocal("local[2]"));
        assertFalse(Sessions.isLocal("spark://127.0.0.1:7077"));
    }

    @Test
    void aConfKeyThatIsNotASparkPropertyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SparkSettings(null, Map.of("executor.cores", "2"), false, false));
        assertEquals("--conf executor.cores=2: a Spark property's key starts with \"spark.\", found \"executor.cores\"",
                e.getMessage());
    }

    @Test
    void anEmptyMasterIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkSettings.of(" "));
        assertEquals("--master must name a Spark master such as local[4] or spark://host:7077, found an empty value",
                e.getMessage());
    }

    @Test
    void settingsKeepTheConfOrderAndCannotBeChanged() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.b", "1");
        conf.put("spark.a", "2");
        SparkSettings s = new SparkSettings(null, conf, false, false);
        conf.put("spark.c", "3");
        assertEquals(List.of("spark.b", "spark.a"), List.copyOf(s.conf().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> s.conf().put("spark.d", "4"));
    }
}
