package spinel.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import spinel.graph.StructureFormatException;

class CifFileTest {

    @Test
    void readsTheCif11Syntax() throws Exception {
        String text = String.join(
                "\n",
                "#\\#CIF_1.1",
                "global_",
                "_ignored_global 1",
                "data_first # a comment",
                "_Tag.One   'O'Brien, J'   # quote closes only before white space",
                "_tag_two \"say 'hi'\"",
                "_tag_three",
                ";",
                " a text field",
                "with # no comment and 'quotes'",
                ";",
                "_unknown ?",
                "_inapplicable .",
                "_quoted_unknown '?'",
                "save_frame",
                "_in_frame 3",
                "save_",
                "loop_",
                "_a _b",
                "1 2",
                "3 ;",
                "DATA_second",
                "LOOP_ _x 'a b' c",
                "");
        List<CifBlock> blocks = CifFile.parse(text, "t.cif");
        assertEquals(2, blocks.size());
        CifBlock b = blocks.get(0);
        assertEquals("first", b.name());
        assertEquals(4, b.line());
        assertEquals("O'Brien, J", b.value("_tag_one"));
        assertEquals("O'Brien, J", b.value("_TAG.ONE"));
        assertEquals("say 'hi'", b.value("_tag_two"));
        assertEquals("a text field\nwith # no comment and 'quotes'", b.value("_tag_three"));
        assertEquals(8, b.column("_tag_three").line(0)); // the opening semicolon
        assertNull(b.value("_unknown"));
        assertTrue(b.column("_unknown").isNull(0));
        assertTrue(b.column("_inapplicable").isNull(0));
        assertEquals("?", b.value("_quoted_unknown"));
        assertFalse(b.has("_in_frame"));
        assertFalse(b.has("_ignored_global"));
        CifBlock.Column a = b.column("_a"), bb = b.column("_b");
        assertEquals(2, a.size());
        assertEquals("3", a.value(1));
        assertEquals(";", bb.value(1)); // not at the start of a line: a bare value
        assertEquals(a.loop(), bb.loop());
        assertEquals(21, a.line(1));
        assertEquals(List.of("a b", "c"), List.of(blocks.get(1).column("_x").values()));
    }

    @Test
    void skipsAByteOrderMark() throws Exception {
        assertEquals(
                "bom", CifFile.parse("\uFEFFdata_bom\n_a 1\n", "bom.cif").get(0).name());
    }

    @Test
    void readsWindowsLineEndings() throws Exception {
        CifBlock b = CifFile.parse("data_w\r\n_a 1\r\n_b\r\n;\r\nline\r\n;\r\n_c 3\r\n", "w.cif")
                .get(0);
        assertEquals("line", b.value("_b"));
        assertEquals(7, b.column("_c").line(0));
    }

    private static StructureFormatException fails(String text) {
        return assertThrows(StructureFormatException.class, () -> CifFile.parse(text, "bad.cif"));
    }

    @Test
    void syntaxErrorsNameTheLineAndWhatWasExpected() {
        StructureFormatException e = fails("data_x\n_a 1\n_b\n;\nnever closed\n");
        assertEquals("bad.cif", e.file());
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("unterminated text field"), e.getMessage());

        e = fails("data_x\nloop_\n_a\n_b\n_c\n1 2 3\n4 5\n");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("has 5 values, expected a multiple of 3"), e.getMessage());

        e = fails("data_x\n_a\n_b 2\n");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("expected a value for _a"), e.getMessage());

        e = fails("data_x\n_a 'open\n");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("unterminated quoted string"), e.getMessage());

        e = fails("data_x\n_a 1 2\n");
        assertTrue(e.getMessage().contains("found the value '2'"), e.getMessage());

        e = fails("_a 1\n");
        assertTrue(e.getMessage().contains("expected data_"), e.getMessage());

        e = fails("# nothing\n");
        assertTrue(e.getMessage().contains("expected a CIF data block"), e.getMessage());

        e = fails("data_x\nloop_\ndata_y\n");
        assertTrue(e.getMessage().contains("expected tags after loop_"), e.getMessage());
    }
}
