package io.lossgrid.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChartLibraryTest {
    @Test
    void theScriptsInlineUplotWithItsLicenceAndThenTheChartsCode() {
        String scripts = ChartLibrary.scripts();
        assertTrue(scripts.startsWith("<script>/*! uPlot " + ChartLibrary.version() + ", from the org.webjars.npm:uplot WebJar."),
                scripts.substring(0, 200));
        assertTrue(scripts.contains("The MIT License (MIT)"));
        assertTrue(scripts.contains("var uPlot="), "the library itself");
        assertTrue(scripts.contains("setAttribute(\"data-rendered\""), "charts.js");
        assertEquals(2, scripts.split("</script>", -1).length - 1, "two script elements, each closed once");
    }

    @Test
    void theVersionIsTheOneTheWebjarOnTheClasspathDeclares() {
        assertTrue(ChartLibrary.version().matches("\\d+\\.\\d+\\.\\d+"), ChartLibrary.version());
    }

    @Test
    void theStyleIsUplotsCssInOneStyleElement() {
        String style = ChartLibrary.style();
        assertTrue(style.startsWith("<style>") && style.endsWith("</style>\n"));
        assertTrue(style.contains(".uplot"));
        assertFalse(style.contains("@import") || style.contains("url("), "nothing fetched");
    }
}
