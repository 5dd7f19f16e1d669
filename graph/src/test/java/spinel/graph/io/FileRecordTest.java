package spinel.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FileRecordTest {

    @FileRecord
    record Sample(String atomFeatures, Integer maxNeighbors, double valFraction) {}

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void snakeCaseKeysNullsLeftOutUnknownKeysIgnored() throws Exception {
        assertEquals(
                "{\"atom_features\":\"builtin:cgcnn\",\"val_fraction\":0.1}",
                JSON.writeValueAsString(new Sample("builtin:cgcnn", null, 0.1)));
        Sample read = JSON.readValue(
                "{\"atom_features\":\"x\",\"max_neighbors\":12,\"val_fraction\":0.2,\"added_later\":[1]}",
                Sample.class);
        assertEquals(new Sample("x", 12, 0.2), read);
    }
}
