package spinel.graph.io;

/**
 * Numbers as CIF writes them: an optional sign, digits with an optional point, an optional exponent,
 * and an optional standard uncertainty in parentheses ("5.4307(2)", "-.25", "1.2E-3(4)"); a missing
 * closing parenthesis is tolerated as pymatgen does. No regular expressions: this runs for every
 * coordinate.
 */
final class CifNumbers {

    private CifNumbers() {}

    /** The value, or NaN when the text is not such a number. */
    static double parse(String s) {
        int n = s.length();
        int end = n;
        int paren = s.indexOf('(');
        if (paren >= 0) {
            for (int i = paren + 1; i < n; i++) {
                char c = s.charAt(i);
                if (c == ')') {
                    if (i != n - 1) return Double.NaN;
                } else if (c < '0' || c > '9') {
                    return Double.NaN;
                }
            }
            end = paren;
        }
        int i = 0;
        if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        int digits = 0;
        while (i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (i < end && s.charAt(i) == '.') {
            i++;
            while (i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) return Double.NaN;
        if (i < end && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int exp = 0;
            while (i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                exp++;
            }
            if (exp == 0) return Double.NaN;
        }
        if (i != end) return Double.NaN;
        return Double.parseDouble(end == n ? s : s.substring(0, end));
    }
}
