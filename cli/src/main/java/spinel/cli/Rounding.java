package spinel.cli;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers for output without digits of rounding noise. */
final class Rounding {

    /** Significant digits kept of a double computed in double precision (its last few digits are noise). */
    static final int DOUBLE_DIGITS = 12;

    private static final MathContext DOUBLE = new MathContext(DOUBLE_DIGITS);

    private Rounding() {}

    /**
     * {@code v} as the shortest decimal that reads back as the same float32: a network's output
     * computed in float32 ({@code 1.2300000190734863} becomes {@code 1.23}).
     */
    static double float32(double v) {
        if (!Double.isFinite(v)) return v;
        return Double.parseDouble(Float.toString((float) v));
    }

    /** {@code v} to {@value #DOUBLE_DIGITS} significant digits ({@code 179.39999999999998} becomes {@code 179.4}). */
    static double significant(double v) {
        if (!Double.isFinite(v) || v == 0) return v;
        return new BigDecimal(v).round(DOUBLE).doubleValue();
    }
}
