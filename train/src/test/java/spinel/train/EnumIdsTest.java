package spinel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import org.junit.jupiter.api.Test;

class EnumIdsTest {

    @Test
    void configEnumsAreWrittenWithHyphensAndReadInEitherSpelling() throws Exception {
        TrainConfig c = TrainConfig.builder()
                .optSchedule(TrainConfig.Schedule.ONE_CYCLE)
                .optLoss(TrainConfig.LossKind.L1)
                .build();
        String json = RunFiles.JSON.writeValueAsString(c);
        var tree = RunFiles.JSON.readTree(json);
        assertEquals("one-cycle", tree.get("schedule").asText());
        assertEquals("adam", tree.get("optimizer").asText());
        assertEquals(c, RunFiles.JSON.readValue(json, TrainConfig.class));
        String upper = json.replace("\"one-cycle\"", "\"ONE_CYCLE\"").replace("\"l1\"", "\" L1 \"");
        assertEquals(c, RunFiles.JSON.readValue(upper, TrainConfig.class));
        assertEquals("\"space-group\"", RunFiles.JSON.writeValueAsString(ExperimentSpec.Task.SPACE_GROUP));
        assertEquals(
                ExperimentSpec.Model.MLP_BOTH, RunFiles.JSON.readValue("\"mlp-both\"", ExperimentSpec.Model.class));
    }

    @Test
    void aWrongValueNamesTheSettingAndTheKnownValues() {
        String json = "{\"loss\": \"huber\", \"learning_rate\": 0.1, \"epochs\": 1, \"batch_size\": 1}";
        var e = assertThrows(JsonMappingException.class, () -> RunFiles.JSON.readValue(json, TrainConfig.class));
        assertTrue(e.getMessage().contains("loss \"huber\": expected one of mse, l1, cross-entropy"), e.getMessage());
        var p = assertThrows(
                IllegalArgumentException.class, () -> EnumIds.parse(TrainConfig.OptimizerKind.class, "adamw"));
        assertEquals("optimizer \"adamw\": expected one of adam, sgd", p.getMessage());
    }
}
