package io.lossgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** The values the table format prints for people. */
class OutputFormatTest {
    @Test
    void fractionsAreRoundedToFourSignificantDigitsWithoutTrailingZeros() {
        assertEquals("0.1235", OutputFormat.round(0.123456789));
        assertEquals("3.162", OutputFormat.round(3.16227766));
        assertEquals("1000", OutputFormat.round(1000.0));
        assertEquals("0.5", OutputFormat.round(0.5));
        assertEquals("-12.35", OutputFormat.round(-12.3456));
    }

    @Test
    void tinyAndHugeNumbersAreWrittenInScientificNotation() {
        assertEquals("9.7e-08", OutputFormat.round(9.7e-8));
        assertEquals("1.235e+09", OutputFormat.round(1234567890.0));
        assertEquals("0", OutputFormat.round(0.0));
    }

    @Test
    void nanAndInfinitiesStayAsJavaWritesThem() {
        assertEquals("NaN", OutputFormat.round(Double.NaN));
        assertEquals("-Infinity", OutputFormat.round(Double.NEGATIVE_INFINITY));
    }

    @Test
    void nullsIntegersAndTextArePrintedAsTheyAre() {
        assertEquals("NULL", OutputFormat.forPeople(null, DataTypes.DoubleType));
        assertEquals("123456789", OutputFormat.forPeople(123456789L, DataTypes.LongType));
        assertEquals("adam", OutputFormat.forPeople("adam", DataTypes.StringType));
        assertEquals("0.3333", OutputFormat.forPeople(new BigDecimal("0.333333"), DataTypes.createDecimalType(10, 6)));
    }
}
