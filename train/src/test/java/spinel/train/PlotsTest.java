package spinel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parity plot says what it shows: the quantity, MAE with its unit, R² and n, units on both axes. */
class PlotsTest {

    @Test
    void parityTitleGivesMaeR2AndNAndTheAxesTheUnit(@TempDir Path dir) throws Exception {
        double[] actual = {0, 1, 2, 3}, predicted = {0.1, 0.9, 2.2, 3.0};
        RegressionMetrics m = Metrics.regression(actual, predicted);
        Plots.ParityLabels l = Plots.ParityLabels.of("e_form_per_atom", "eV/atom", m);
        assertEquals("e_form_per_atom: MAE 0.1000 eV/atom, R² 0.988, n = 4", l.title());
        assertEquals("e_form_per_atom, DFT target (eV/atom)", l.xAxis());
        assertEquals("e_form_per_atom, predicted (eV/atom)", l.yAxis());
        Plots.ParityLabels unknown = Plots.ParityLabels.of("y", null, m);
        assertEquals("y: MAE 0.1000, R² 0.988, n = 4", unknown.title());
        assertEquals("y, predicted (units not given)", unknown.yAxis());
        Path png = dir.resolve("parity.png");
        Plots.parity(actual, predicted, "e_form_per_atom", "eV/atom", png);
        RunReportTest.assertPng(png);
    }

    @Test
    void unitsComeFromTheOptionTheColumnNameOrAKnownColumn() {
        assertEquals("meV", TargetUnits.of("band_gap", "meV"));
        assertEquals("eV", TargetUnits.of("gap (eV)", null));
        assertEquals("eV/atom", TargetUnits.of("e_form_per_atom", null));
        assertEquals("eV", TargetUnits.of("band_gap", null));
        assertNull(TargetUnits.of("e_form", null));
        assertNull(TargetUnits.of(null, null));
    }
}
