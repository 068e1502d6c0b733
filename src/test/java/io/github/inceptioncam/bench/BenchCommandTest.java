package io.github.inceptioncam.bench;

import io.github.inceptioncam.testing.CliRun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code bench} through the real command line: the quick comparison, its modes, and its refusals. No timing assertions. */
class BenchCommandTest {
	static CliRun cli(String... args) {
		return CliRun.of(args);
	}

	@Test
	void quickBenchOnTheBuiltInModelReportsOursAndRawForEachBatch() {
		CliRun r = cli("bench", "--device", "cpu", "--batch", "1,3", "--seconds", "0.2", "--threads", "1", "--json");
		assertEquals(0, r.code, r.err);
		JsonObject j = r.object();
		assertEquals("raw-ort", j.get("peer").getAsString());
		assertEquals("cpu", j.get("device").getAsString());
		JsonArray results = j.getAsJsonArray("results");
		List<Integer> batches = new ArrayList<>();
		for (JsonElement e : results) {
			JsonObject x = e.getAsJsonObject();
			batches.add(x.get("batch").getAsInt());
			JsonObject ours = x.getAsJsonObject("ours"), raw = x.getAsJsonObject("peer");
			assertTrue(ours.get("images_per_s").getAsDouble() > 0, x.toString());
			assertTrue(raw.get("images_per_s").getAsDouble() > 0, x.toString());
			assertTrue(ours.get("calls").getAsInt() >= 2 && raw.get("calls").getAsInt() >= 2, "at least two interleaved rounds: " + x);
			assertEquals(0, ours.get("cams_missing").getAsInt(), "every image got its CAM: " + x);
			assertTrue(ours.get("cam_ms_per_image").getAsDouble() > 0, x.toString());
			assertTrue(x.get("time_ratio_ours_over_peer").getAsDouble() > 0, x.toString());
		}
		assertEquals(List.of(1, 3), batches);
	}

	@Test
	void spinningPeerComparesOurEngineWithItself() {
		CliRun r = cli("bench", "--device", "cpu", "--batch", "1", "--seconds", "0.1", "--peer", "spinning", "--json");
		assertEquals(0, r.code, r.err);
		JsonObject j = r.object();
		assertEquals("ours-spinning-on", j.get("peer").getAsString());
		JsonObject peer = j.getAsJsonArray("results").get(0).getAsJsonObject().getAsJsonObject("peer");
		assertTrue(peer.get("images_per_s").getAsDouble() > 0);
		assertTrue(peer.has("cam_ms_per_image"), "the peer is our engine: " + peer);
	}

	@Test
	void gpuWithoutAGpuIsRefusedInOneLine() {
		CliRun r = cli("bench", "--device", "gpu", "--batch", "1", "--seconds", "0.1");
		assertEquals(2, r.code, r.out + r.err);
		assertEquals(1, r.err.trim().lines().count(), r.err);
		assertTrue(r.err.startsWith("error: gpu requested but "), r.err);
		assertEquals("", r.out);
	}

	@ParameterizedTest
	@ValueSource(strings = {"0", "x", "-1", "1,,8", "8,8", "1.5", "", "1,99999"})
	void badBatchValuesAreUsageErrorsInOneLine(String batch) {
		CliRun r = cli("bench", "--device", "cpu", "--batch", batch);
		assertEquals(2, r.code, r.err);
		assertEquals(1, r.err.trim().lines().count(), r.err);
		assertTrue(r.err.startsWith("error: --batch"), r.err);
		assertEquals("", r.out);
	}

	@Test
	void otherBadValuesAreUsageErrorsInOneLine() {
		for (String[] args : new String[][] {{"--seconds", "0"}, {"--threads", "-2"}, {"--peer", "torch"}, {"--spinning", "maybe"},
				{"--device", "tpu"}, {"--model", "/nonexistent/m.onnx"}}) {
			List<String> a = new ArrayList<>(List.of("bench", "--batch", "1"));
			a.addAll(List.of(args));
			CliRun r = cli(a.toArray(new String[0]));
			assertEquals(2, r.code, String.join(" ", args) + ": " + r.err);
			assertEquals(1, r.err.trim().lines().count(), r.err);
			assertTrue(r.err.startsWith("error: "), r.err);
		}
	}

	@Test
	void batchListsParse() {
		assertEquals(List.of(1, 8, 32), BatchSizes.parse("1, 8,32"));
		assertEquals(List.of(4), BatchSizes.parse("4"));
	}

	@Test
	void rawFolderModeRunsPartialBatches(@TempDir Path dir) throws Exception {
		SyntheticPngs.main(new String[] {dir.toString(), "5"});
		CliRun r = cli("bench", "--device", "cpu", "--raw-folder", dir.toString(), "--batch", "2", "--json");
		assertEquals(0, r.code, r.err);
		JsonObject j = r.object();
		assertEquals(5, j.get("images").getAsInt());
		assertTrue(j.get("images_per_s").getAsDouble() > 0);
	}

	@Test
	void soakSamplesResidentMemoryForOursAndRaw() {
		for (boolean raw : new boolean[] {false, true}) {
			List<String> a = new ArrayList<>(List.of("bench", "--device", "cpu", "--soak", "7", "--sample-every", "3", "--batch", "2", "--json"));
			if (raw) a.add("--raw");
			CliRun r = cli(a.toArray(new String[0]));
			assertEquals(0, r.code, r.err);
			JsonObject j = r.object();
			assertEquals(raw ? "raw-ort" : "ours", j.get("engine").getAsString());
			JsonArray s = j.getAsJsonArray("samples");
			assertEquals(3, s.size(), s.toString()); // after 4 (first crossing of 3), 6, and 7
			assertEquals(7, s.get(2).getAsJsonObject().get("images").getAsInt());
			assertTrue(s.get(2).getAsJsonObject().get("vmrss_kb").getAsLong() > 0);
			// the resident heap is found (HotSpot's heap range, smaps) and is part of VmRSS
			long heap = s.get(2).getAsJsonObject().get("heap_resident_kb").getAsLong(), rss = s.get(2).getAsJsonObject().get("vmrss_kb").getAsLong();
			assertTrue(heap > 0 && heap < rss, heap + " of " + rss);
			JsonObject sum = j.getAsJsonObject("summary");
			assertEquals(7, sum.get("end_images").getAsInt());
			assertEquals(rss - heap, sum.get("native_end_kb").getAsLong());
			if (!raw) assertEquals(0, sum.get("managed_arrays_end").getAsInt(), "no DJL tensor left open");
		}
	}

	@Test
	void loadProbeReportsHeapAndACachedSecondLoad() {
		CliRun r = cli("bench", "--device", "cpu", "--load-probe", "--json");
		assertEquals(0, r.code, r.err);
		JsonObject j = r.object();
		assertTrue(j.get("second_is_same_engine").getAsBoolean());
		assertTrue(j.get("model_bytes").getAsLong() > 0);
		assertTrue(j.get("heap_peak_pools_kb").getAsLong() > 0);
	}
}
