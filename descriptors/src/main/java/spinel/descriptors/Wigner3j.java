package spinel.descriptors;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wigner 3j symbols (j1 j2 j3; m1 m2 m3) for integer arguments, computed exactly and cached.
 *
 * <p>Racah's formula (Edmonds, <i>Angular Momentum in Quantum Mechanics</i>, eq. 3.7.3) is an
 * alternating sum of ratios of factorials; in floating point its terms cancel badly already at
 * l ≈ 10. Here the sum is carried out in exact rational arithmetic ({@link BigInteger}) and only
 * the final square root is taken, to 34 significant digits, so every value is correctly rounded to
 * double. Each symbol is computed once per process.
 */
public final class Wigner3j {

    private static final ConcurrentHashMap<Long, Double> CACHE = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Integer, double[][]> TABLES = new ConcurrentHashMap<>();
    private static final MathContext MC = MathContext.DECIMAL128;

    private Wigner3j() {}

    /** The 3j symbol (j1 j2 j3; m1 m2 m3); zero unless m1+m2+m3 = 0, |m_i| ≤ j_i and the triangle rule holds. */
    public static double of(int j1, int j2, int j3, int m1, int m2, int m3) {
        if (j1 < 0 || j2 < 0 || j3 < 0 || j1 > 1000 || j2 > 1000 || j3 > 1000) {
            throw new IllegalArgumentException("j must be in 0..1000, got " + j1 + ", " + j2 + ", " + j3);
        }
        if (m1 + m2 + m3 != 0 || Math.abs(m1) > j1 || Math.abs(m2) > j2 || Math.abs(m3) > j3) return 0;
        if (j3 > j1 + j2 || j3 < Math.abs(j1 - j2)) return 0;
        long key = ((((((long) j1 * 1001 + j2) * 1001 + j3) * 2003 + m1 + 1000) * 2003) + m2 + 1000);
        return CACHE.computeIfAbsent(key, k -> exact(j1, j2, j3, m1, m2, m3));
    }

    /**
     * The table (l l l; m1 m2 -m1-m2) indexed [m1 + l][m2 + l], zero where |m1 + m2| > l — all the
     * symbols the third-order invariant w_l needs. Cached; do not modify the returned arrays.
     */
    public static double[][] table(int l) {
        return TABLES.computeIfAbsent(l, key -> {
            double[][] t = new double[2 * l + 1][2 * l + 1];
            for (int m1 = -l; m1 <= l; m1++) {
                for (int m2 = -l; m2 <= l; m2++) {
                    t[m1 + l][m2 + l] = of(l, l, l, m1, m2, -m1 - m2);
                }
            }
            return t;
        });
    }

    private static double exact(int j1, int j2, int j3, int m1, int m2, int m3) {
        // Δ · Π (j ± m)! under the square root, as a fraction
        BigInteger rootNum = fact(j1 + j2 - j3)
                .multiply(fact(j1 - j2 + j3))
                .multiply(fact(-j1 + j2 + j3))
                .multiply(fact(j1 + m1))
                .multiply(fact(j1 - m1))
                .multiply(fact(j2 + m2))
                .multiply(fact(j2 - m2))
                .multiply(fact(j3 + m3))
                .multiply(fact(j3 - m3));
        BigInteger rootDen = fact(j1 + j2 + j3 + 1);
        int kmin = Math.max(0, Math.max(j2 - j3 - m1, j1 - j3 + m2));
        int kmax = Math.min(j1 + j2 - j3, Math.min(j1 - m1, j2 + m2));
        BigInteger sNum = BigInteger.ZERO, sDen = BigInteger.ONE;
        for (int k = kmin; k <= kmax; k++) {
            BigInteger d = fact(k).multiply(fact(j3 - j2 + k + m1))
                    .multiply(fact(j3 - j1 + k - m2))
                    .multiply(fact(j1 + j2 - j3 - k))
                    .multiply(fact(j1 - k - m1))
                    .multiply(fact(j2 - k + m2));
            BigInteger n = (k & 1) == 0 ? BigInteger.ONE : BigInteger.ONE.negate();
            // sNum/sDen + n/d
            sNum = sNum.multiply(d).add(n.multiply(sDen));
            sDen = sDen.multiply(d);
            BigInteger g = sNum.gcd(sDen);
            if (g.signum() != 0 && !g.equals(BigInteger.ONE)) {
                sNum = sNum.divide(g);
                sDen = sDen.divide(g);
            }
        }
        if (sNum.signum() == 0) return 0;
        // value² = S² · rootNum / rootDen
        BigDecimal sq = new BigDecimal(sNum.multiply(sNum).multiply(rootNum))
                .divide(new BigDecimal(sDen.multiply(sDen).multiply(rootDen)), MC);
        double v = sq.sqrt(MC).doubleValue();
        int phase = Math.floorMod(j1 - j2 - m3, 2) == 0 ? 1 : -1;
        return phase * sNum.signum() * v;
    }

    private static final ConcurrentHashMap<Integer, BigInteger> FACT = new ConcurrentHashMap<>();

    private static BigInteger fact(int n) {
        if (n < 0) throw new IllegalStateException("negative factorial argument " + n);
        if (n < 2) return BigInteger.ONE;
        BigInteger f = FACT.get(n);
        if (f == null) {
            f = BigInteger.ONE;
            for (int i = 2; i <= n; i++) f = f.multiply(BigInteger.valueOf(i));
            FACT.put(n, f);
        }
        return f;
    }
}
