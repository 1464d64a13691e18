package org.furnacewatch.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadingWriterTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:00\\+08:00";

    static List<Reading> sample() {
        SimulatedDistrict sd = new DistrictSimulator(SimConfig.fuling(40, LocalDate.of(2025, 1, 13), 1, 1)).simulate();
        List<Reading> out = new ArrayList<>();
        sd.readings().forEachRemaining(out::add);
        return out;
    }

    @Test
    void ndjson_rowsHaveMeterTsAndExactlyOneValue() throws Exception {
        List<Reading> rows = sample();
        String body = ReadingWriter.body(rows, ReadingWriter.Format.NDJSON);
        String[] lines = body.split("\n");
        assertEquals(rows.size(), lines.length);
        boolean sawRegister = false, sawKwh = false;
        for (int i = 0; i < lines.length; i++) {
            JsonNode n = JSON.readTree(lines[i]);
            assertEquals(rows.get(i).meter(), n.get("meter").asText());
            assertTrue(n.get("ts").asText().matches(TS), n.get("ts").asText());
            assertTrue(n.has("kwh") ^ n.has("register"));
            assertFalse(lines[i].contains("E"), "no exponent: " + lines[i]);
            if (n.has("kwh")) {
                sawKwh = true;
                assertTrue(n.get("kwh").asDouble() >= 0);
                assertEquals(rows.get(i).kwh(), n.get("kwh").asDouble(), 1e-9);
            } else {
                sawRegister = true;
                assertEquals(rows.get(i).register(), n.get("register").asDouble(), 1e-9);
            }
        }
        assertTrue(sawKwh && sawRegister);
    }

    @Test
    void jsonArray_parsesToTheSameRows() throws Exception {
        List<Reading> rows = sample().subList(0, 500);
        JsonNode arr = JSON.readTree(ReadingWriter.body(rows, ReadingWriter.Format.JSON));
        assertTrue(arr.isArray());
        assertEquals(500, arr.size());
        for (int i = 0; i < 500; i++) {
            assertEquals(rows.get(i).ts(), arr.get(i).get("ts").asText());
            assertEquals(rows.get(i).value(), arr.get(i).get(rows.get(i).isRegister() ? "register" : "kwh").asDouble(), 1e-9);
        }
    }

    @Test
    void csv_hasHeaderAndOneValueColumnPerRow() {
        List<Reading> rows = sample();
        String[] lines = ReadingWriter.body(rows, ReadingWriter.Format.CSV).split("\n");
        assertEquals("meter,ts,kwh,register", lines[0]);
        assertEquals(rows.size() + 1, lines.length);
        for (int i = 1; i < lines.length; i++) {
            String[] c = lines[i].split(",", -1);
            assertEquals(4, c.length);
            assertTrue(c[1].matches(TS));
            assertTrue(c[2].isEmpty() ^ c[3].isEmpty(), lines[i]);
            assertEquals(rows.get(i - 1).value(), Double.parseDouble(c[2].isEmpty() ? c[3] : c[2]), 1e-9);
        }
    }

    @Test
    void batches_areRequestSized() {
        List<Reading> rows = sample();
        Iterator<List<Reading>> it = ReadingWriter.batches(rows.iterator(), 1000);
        int total = 0, batches = 0;
        while (it.hasNext()) {
            List<Reading> b = it.next();
            assertTrue(b.size() <= 1000 && !b.isEmpty());
            if (it.hasNext()) assertEquals(1000, b.size());
            total += b.size();
            batches++;
        }
        assertEquals(rows.size(), total);
        assertEquals((rows.size() + 999) / 1000, batches);
    }

    @Test
    void number_isPlainDecimal() throws Exception {
        StringBuilder sb = new StringBuilder();
        ReadingWriter.number(sb, 0.0001, 4);
        sb.append(' ');
        ReadingWriter.number(sb, 12.5, 3);
        sb.append(' ');
        ReadingWriter.number(sb, 3.0, 3);
        sb.append(' ');
        ReadingWriter.number(sb, 123456.0405, 4);
        assertEquals("0.0001 12.5 3 123456.0405", sb.toString());
    }

    @Test
    void simulateCommand_writesADirectory(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        SimulateCommand.main(new String[] {"--out", dir.toString(), "--enterprises", "30", "--days", "2", "--seed", "3", "--batch", "2000"});
        for (String f : List.of("district.json", "enterprises.ndjson", "changes.ndjson", "truth.csv", "declared-output.csv", "meter-events.csv", "look-alikes.csv", "readings-00001.ndjson")) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
        assertEquals(30, Files.readAllLines(dir.resolve("enterprises.ndjson")).size());
        assertTrue(Files.readString(dir.resolve("truth.csv")).startsWith("kind,creditCode,onsetTs,endTs"));
        assertEquals(2000, Files.readAllLines(dir.resolve("readings-00001.ndjson")).size());
        assertTrue(Files.readString(dir.resolve("look-alikes.csv")).startsWith("creditCode,industry,reason,since"));
    }
}
