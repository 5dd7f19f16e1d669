package spinel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The grid of spinel search: parsing, the order of candidates, and candidates as train arguments. */
class SearchSpaceTest {

    private static OptionSpec option(String name) {
        return new CommandLine(new TrainCommand()).getCommandSpec().findOption("--" + name);
    }

    @Test
    void theGridIsEveryCombinationFirstOptionSlowest() {
        SearchSpace s = SearchSpace.parse(
                List.of("lr=0.001,0.003", "features=lattice,composition|lattice,composition,acsf"),
                SearchSpaceTest::option);
        assertEquals(List.of("lr", "features"), s.names());
        List<Map<String, String>> c = s.candidates();
        assertEquals(4, c.size());
        assertEquals(Map.of("lr", "0.001", "features", "lattice,composition,acsf"), c.get(1));
        assertEquals(Map.of("lr", "0.003", "features", "lattice,composition"), c.get(2));
    }

    @Test
    void candidatesBecomeTrainArguments() {
        List<String> base = List.of("--data", "d", "--residual", "--lr", "0.01");
        List<String> args = SearchSpace.apply(
                base,
                new java.util.LinkedHashMap<>(Map.of("lr", "0.002", "residual", "false", "param.max_depth", "4")),
                SearchSpaceTest::option);
        assertTrue(args.containsAll(List.of("--lr", "0.002", "--param", "max_depth=4")), args.toString());
        assertTrue(!args.contains("--residual"), "a flag set to false is removed: " + args);
        assertEquals("0.002", args.get(args.lastIndexOf("--lr") + 1), "the candidate's value comes last and wins");
    }

    @Test
    void badEntriesAreRefusedWithTheReason() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> SearchSpace.parse(List.of("residual=yes"), SearchSpaceTest::option));
        assertTrue(e.getMessage().contains("true or false"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> SearchSpace.parse(List.of("lr"), SearchSpaceTest::option));
        assertTrue(e.getMessage().contains("expected OPTION=V1,V2"), e.getMessage());
    }
}
