package spinel.graph.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRowsTest {

    @TempDir
    Path tmp;

    @Test
    void quotedFieldsKeepTheirCommasQuotesAndLineBreaks() throws Exception {
        String csv = "\uFEFFid,name,value\n0,\"Al2O3, corundum\",1.5\n\n1,\"say \"\"hi\"\"\nthere\",2\n2,plain,3\n";
        List<CsvRows.Row> rows = CsvRows.read(new StringReader(csv), "t.csv");
        assertEquals(4, rows.size());
        assertArrayEquals(new String[] {"id", "name", "value"}, rows.get(0).cells());
        assertArrayEquals(
                new String[] {"0", "Al2O3, corundum", "1.5"}, rows.get(1).cells());
        assertArrayEquals(
                new String[] {"1", "say \"hi\"\nthere", "2"}, rows.get(2).cells());
        assertEquals(4, rows.get(2).line(), "the blank line 3 is skipped; the row starts on line 4");
        assertEquals(6, rows.get(3).line());
    }

    @Test
    void aCgcnnFolderWithAQuotedIdReadsIt() throws Exception {
        Files.writeString(tmp.resolve("id_prop.csv"), "\"mp-1\",1.0\nmp-2,\"2.5\"\n");
        List<CgcnnEntry> e = new CgcnnFolderReader(tmp).entries();
        assertEquals("mp-1", e.get(0).id());
        assertEquals(2.5, e.get(1).target());
        assertEquals(2, e.get(1).line());
    }

    @Test
    void anUnclosedQuoteNamesTheFile() {
        IOException e =
                assertThrows(IOException.class, () -> CsvRows.read(new StringReader("a,\"b\nc,d\n"), "bad.csv"));
        assertEquals(true, e.getMessage().startsWith("bad.csv:"), e.getMessage());
    }
}
