package spinel.graph.symmetry;

import java.util.ArrayList;
import java.util.List;

/**
 * The first guess of the conventional axes from the rotations of a point group in a primitive
 * basis, after spglib's {@code pointgroup.c} (R. W. Grosse-Kunstleve, Acta Cryst. A55, 383 (1999),
 * step c): the principal axis and the axes perpendicular to it are looked up among 73 short lattice
 * directions. Returns the integer matrix whose columns are the axes (in primitive coordinates).
 */
final class ConventionalAxes {

    private static final int[][] ROT_AXES = {
        {1, 0, 0},
        {0, 1, 0},
        {0, 0, 1},
        {0, 1, 1},
        {1, 0, 1},
        {1, 1, 0},
        {0, 1, -1},
        {-1, 0, 1},
        {1, -1, 0},
        {1, 1, 1},
        {-1, 1, 1},
        {1, -1, 1},
        {1, 1, -1},
        {0, 1, 2},
        {2, 0, 1},
        {1, 2, 0},
        {0, 2, 1},
        {1, 0, 2},
        {2, 1, 0},
        {0, -1, 2},
        {2, 0, -1},
        {-1, 2, 0},
        {0, -2, 1},
        {1, 0, -2},
        {-2, 1, 0},
        {2, 1, 1},
        {1, 2, 1},
        {1, 1, 2},
        {2, -1, -1},
        {-1, 2, -1},
        {-1, -1, 2},
        {2, 1, -1},
        {-1, 2, 1},
        {1, -1, 2},
        {2, -1, 1},
        {1, 2, -1},
        {-1, 1, 2},
        {3, 1, 2},
        {2, 3, 1},
        {1, 2, 3},
        {3, 2, 1},
        {1, 3, 2},
        {2, 1, 3},
        {3, -1, 2},
        {2, 3, -1},
        {-1, 2, 3},
        {3, -2, 1},
        {1, 3, -2},
        {-2, 1, 3},
        {3, -1, -2},
        {-2, 3, -1},
        {-1, -2, 3},
        {3, -2, -1},
        {-1, 3, -2},
        {-2, -1, 3},
        {3, 1, -2},
        {-2, 3, 1},
        {1, -2, 3},
        {3, 2, -1},
        {-1, 3, 2},
        {2, -1, 3},
        {1, 1, 3},
        {-1, 1, 3},
        {1, -1, 3},
        {-1, -1, 3},
        {1, 3, 1},
        {-1, 3, 1},
        {1, 3, -1},
        {-1, 3, -1},
        {3, 1, 1},
        {3, 1, -1},
        {3, -1, 1},
        {3, -1, -1}
    };
    private static final int N = ROT_AXES.length;

    private ConventionalAxes() {}

    /** The axes matrix (columns), or null when the axes are not found. */
    static int[][] find(PointGroup pg, List<int[][]> rotations) {
        int[] axes =
                switch (pg.laue()) {
                    case L1 -> new int[] {0, 1, 2};
                    case L2M -> laue2m(rotations);
                    case LMMM, LM3 -> lauennn(rotations, 2);
                    case LM3M -> lauennn(rotations, 4);
                    case L4M, L4MMM -> oneAxis(rotations, 4);
                    case L3, L3M, L6M, L6MMM -> oneAxis(rotations, 3);
                };
        if (axes == null) return null;
        for (int a : axes) if (a < 0) return null;
        return matrix(axes);
    }

    /** The in-plane lattice directions perpendicular to the 2-fold axis of a monoclinic group. */
    static List<int[]> perpendicular(int[][] proper, int order) {
        List<int[]> out = new ArrayList<>();
        for (int i : orthogonal(proper, order)) out.add(ROT_AXES[i].clone());
        return out;
    }

    static int[][] proper(int[][] w) {
        return Mat3.det(w) == -1 ? Mat3.negate(w) : w;
    }

    private static int[] laue2m(List<int[][]> rotations) {
        int[][] prop = null;
        int[] axes = {-1, -1, -1};
        for (int[][] w : rotations) {
            int[][] p = proper(w);
            if (Mat3.trace(p) == -1) {
                prop = p;
                axes[1] = axisOf(p);
                break;
            }
        }
        if (prop == null) return null;
        List<Integer> ortho = orthogonal(prop, 2);
        int min = 8;
        for (int i : ortho) {
            int n = norm2(ROT_AXES[i]);
            if (n < min) {
                min = n;
                axes[0] = i;
            }
        }
        min = 8;
        for (int i : ortho) {
            int n = norm2(ROT_AXES[i]);
            if (n < min && i != axes[0]) {
                min = n;
                axes[2] = i;
            }
        }
        return axes;
    }

    private static int[] oneAxis(List<int[][]> rotations, int order) {
        int[][] prop = null;
        int[] axes = {-1, -1, -1};
        int wantTrace = order == 4 ? 1 : 0;
        for (int[][] w : rotations) {
            int[][] p = proper(w);
            if (Mat3.trace(p) == wantTrace) {
                prop = p;
                axes[2] = axisOf(p);
                break;
            }
        }
        if (prop == null) return null;
        List<Integer> ortho = orthogonal(prop, order);
        for (int i : ortho) {
            int[] v = Mat3.mul(prop, ROT_AXES[i]);
            int second = -1;
            for (int j : ortho) {
                int e = exists(v, j);
                if (e == 1) {
                    second = j;
                    break;
                }
                if (e == -1) {
                    second = j + N;
                    break;
                }
            }
            if (second < 0) continue;
            int[] tmp = {i, second, axes[2]};
            if (Math.abs(Mat3.det(matrix(tmp))) < 4) {
                axes[0] = i;
                axes[1] = second;
                if (Mat3.det(matrix(axes)) < 0) {
                    int t = axes[0];
                    axes[0] = axes[1];
                    axes[1] = t;
                }
                return axes;
            }
        }
        return null;
    }

    private static int[] lauennn(List<int[][]> rotations, int order) {
        int[] axes = {-1, -1, -1};
        int count = 0;
        int wantTrace = order == 2 ? -1 : 1;
        for (int[][] w : rotations) {
            int[][] p = proper(w);
            if (Mat3.trace(p) == wantTrace) {
                int a = axisOf(p);
                if (a != axes[0] && a != axes[1] && a != axes[2] && count < 3) axes[count++] = a;
            }
        }
        if (count < 3) return null;
        java.util.Arrays.sort(axes);
        if (Mat3.det(matrix(axes)) < 0) {
            int t = axes[1];
            axes[1] = axes[2];
            axes[2] = t;
        }
        return axes;
    }

    private static int axisOf(int[][] p) {
        for (int i = 0; i < N; i++) {
            int[] v = Mat3.mul(p, ROT_AXES[i]);
            if (v[0] == ROT_AXES[i][0] && v[1] == ROT_AXES[i][1] && v[2] == ROT_AXES[i][2]) return i;
        }
        return -1;
    }

    private static List<Integer> orthogonal(int[][] prop, int order) {
        int[][] sum = Mat3.identity();
        int[][] r = Mat3.identity();
        for (int i = 0; i < order - 1; i++) {
            r = Mat3.mul(prop, r);
            for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) sum[a][b] += r[a][b];
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            int[] v = Mat3.mul(sum, ROT_AXES[i]);
            if (v[0] == 0 && v[1] == 0 && v[2] == 0) out.add(i);
        }
        return out;
    }

    private static int exists(int[] v, int i) {
        int[] a = ROT_AXES[i];
        if (v[0] == a[0] && v[1] == a[1] && v[2] == a[2]) return 1;
        if (v[0] == -a[0] && v[1] == -a[1] && v[2] == -a[2]) return -1;
        return 0;
    }

    private static int norm2(int[] v) {
        return v[0] * v[0] + v[1] * v[1] + v[2] * v[2];
    }

    private static int[][] matrix(int[] axes) {
        int[][] t = new int[3][3];
        for (int j = 0; j < 3; j++) {
            int s = axes[j] < N ? 1 : -1;
            int[] a = ROT_AXES[axes[j] % N];
            for (int i = 0; i < 3; i++) t[i][j] = s * a[i];
        }
        return t;
    }
}
