package io.github.inceptioncam.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Gathers the parts written by {@code tools/bench/run.sh} (JSON from {@code bench}, {@code
 * torch_bench.py}, and {@code timings.tsv} of the process-level runs) into one results JSON, and
 * prints a Markdown table with the targets of the "Runtime" issue. Usage: {@code Report PARTS_DIR
 * RESULTS_JSON quick|full}.
 */
public final class Report {
	private final Map<String, JsonObject> parts = new TreeMap<>();
	private final List<String[]> timings = new ArrayList<>();
	private final List<String[]> rows = new ArrayList<>();

	public static void main(String[] args) throws IOException {
		if (args.length < 3) {
			System.err.println("usage: Report PARTS_DIR RESULTS_JSON quick|full");
			System.exit(2);
		}
		Report r = new Report();
		r.read(Path.of(args[0]));
		r.build();
		JsonObject all = new JsonObject();
		all.addProperty("date", OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString());
		all.addProperty("mode", args[2]);
		all.add("machine", Machine.describe());
		JsonArray table = new JsonArray();
		for (String[] row : r.rows) {
			JsonObject o = new JsonObject();
			o.addProperty("figure", row[0]);
			o.addProperty("model", row[1]);
			o.addProperty("ours", row[2]);
			o.addProperty("peer", row[3]);
			o.addProperty("ratio", row[4]);
			o.addProperty("target", row[5]);
			o.addProperty("met", row[6]);
			table.add(o);
		}
		all.add("table", table);
		JsonObject p = new JsonObject();
		r.parts.forEach(p::add);
		all.add("parts", p);
		JsonArray t = new JsonArray();
		for (String[] line : r.timings) {
			JsonArray a = new JsonArray();
			for (String s : line) a.add(s);
			t.add(a);
		}
		all.add("timings_tsv", t);
		Files.createDirectories(Path.of(args[1]).toAbsolutePath().getParent());
		Files.writeString(Path.of(args[1]), BenchCommand.GSON.toJson(all) + "\n");
		System.out.print(r.markdown(all.getAsJsonObject("machine"), args[2]));
	}

	private void read(Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			for (Path f : s.sorted().collect(Collectors.toList())) {
				String name = f.getFileName().toString();
				if (name.endsWith(".json")) {
					String text = Files.readString(f).trim();
					if (text.isEmpty()) continue;
					JsonElement e = JsonParser.parseString(text);
					if (e.isJsonObject()) parts.put(name.substring(0, name.length() - 5), e.getAsJsonObject());
				} else if (name.equals("timings.tsv")) {
					for (String l : Files.readAllLines(f)) if (!l.isBlank()) timings.add(l.split("\t"));
				}
			}
		}
	}

	private void build() {
		// a, c: in-process comparisons
		for (Map.Entry<String, JsonObject> e : parts.entrySet()) {
			if (!e.getKey().startsWith("a_")) continue;
			String tag = e.getKey().substring(2);
			for (JsonElement x : e.getValue().getAsJsonArray("results")) {
				JsonObject r = x.getAsJsonObject(), o = r.getAsJsonObject("ours"), p = r.getAsJsonObject("peer");
				double ratio = num(r, "time_ratio_ours_over_peer");
				add("a. classify+CAM vs raw ORT, time per image (warm, batch " + num0(r, "batch") + ")", tag,
					f1(num(o, "images_per_s")) + " img/s", f1(num(p, "images_per_s")) + " img/s", f3(ratio) + "x", "<= 1.05x", ratio <= 1.05);
			}
		}
		for (Map.Entry<String, JsonObject> e : parts.entrySet()) {
			if (!e.getKey().startsWith("a_")) continue;
			String tag = e.getKey().substring(2);
			for (JsonElement x : e.getValue().getAsJsonArray("results")) {
				JsonObject r = x.getAsJsonObject(), o = r.getAsJsonObject("ours");
				double share = num(o, "cam_share_of_inference");
				add("c. CAM time / inference time (warm, batch " + num0(r, "batch") + ")", tag,
					f2(num(o, "cam_ms_per_image")) + " ms CAM", f2(num(o, "inference_ms_per_image")) + " ms inference",
					f2(100 * share) + " %", "<= 1 %", share <= 0.01);
				add("   ours' split per image: preprocess / inference / CAM (warm, batch " + num0(r, "batch") + ")", tag,
					f2(num(o, "preprocess_ms_per_image")) + " / " + f2(num(o, "inference_ms_per_image")) + " / " + f2(num(o, "cam_ms_per_image")) + " ms",
					f2(1000 / num(r.getAsJsonObject("peer"), "images_per_s")) + " ms raw total", "", "", null);
			}
		}
		// m: maps (and boxes) of every class against the inference, and one box against resample-then-box
		for (Map.Entry<String, JsonObject> e : parts.entrySet()) {
			if (!e.getKey().startsWith("m_") || e.getKey().startsWith("m_boxes_")) continue;
			String tag = e.getKey().substring(2);
			for (JsonElement x : e.getValue().getAsJsonArray("results")) {
				JsonObject r = x.getAsJsonObject(), o = r.getAsJsonObject("ours");
				double share = num(o, "cam_ms_per_image") / num(o, "inference_ms_per_image");
				add("m. maps + boxes of every class (--class all) / inference time (warm, batch " + num0(r, "batch") + ")", tag,
					f2(num(o, "cam_ms_per_image")) + " ms maps + boxes", f2(num(o, "inference_ms_per_image")) + " ms inference",
					f1(100 * share) + " %", "far less than one inference (info)", null);
			}
		}
		for (Map.Entry<String, JsonObject> e : parts.entrySet()) {
			if (!e.getKey().startsWith("m_boxes_")) continue;
			JsonObject o = e.getValue();
			add("m. one box, one thread's CPU time (warm): ours vs resample-then-box, " + num0(o, "maps") + " maps " + str(o, "feature_size")
				+ " -> " + str(o, "image_size") + ", " + num0(o, "boxes_agree") + " agree", e.getKey().substring(8),
				f2(num(o, "resized_box_cpu_us")) + " us", f2(num(o, "resample_then_box_cpu_us")) + " us", f1(num(o, "speedup")) + "x faster",
				"all agree", num(o, "boxes_agree") == num(o, "maps"));
		}
		// profile: ours against raw ORT on the CAM-ready graph, and our time without preprocessing
		for (Map.Entry<String, JsonObject> e : parts.entrySet()) {
			if (!e.getKey().startsWith("p_")) continue;
			String tag = e.getKey().substring(2);
			JsonObject a = parts.get("a_" + tag);
			for (JsonElement x : e.getValue().getAsJsonArray("results")) {
				JsonObject r = x.getAsJsonObject(), o = r.getAsJsonObject("ours");
				int b = (int) num(r, "batch");
				double camReady = num(r.getAsJsonObject("peer"), "images_per_s");
				double rawOriginal = Double.NaN;
				if (a != null) {
					for (JsonElement y : a.getAsJsonArray("results")) {
						if ((int) num(y.getAsJsonObject(), "batch") == b) rawOriginal = num(y.getAsJsonObject().getAsJsonObject("peer"), "images_per_s");
					}
				}
				double engineMs = num(o, "inference_ms_per_image") + num(o, "cam_ms_per_image");
				add("profile: ours (inference + CAM, no preprocessing) vs raw ORT on the CAM-ready graph (warm, batch " + b + ")", tag,
					f2(engineMs) + " ms/img", f2(1000 / camReady) + " ms/img", f3(engineMs * camReady / 1000) + "x", "(info)", null);
				if (!Double.isNaN(rawOriginal)) {
					add("profile: raw ORT, CAM-ready graph vs original graph (separate runs, warm, batch " + b + ")", tag,
						f2(1000 / camReady) + " ms/img", f2(1000 / rawOriginal) + " ms/img", f3(rawOriginal / camReady) + "x", "(info)", null);
				}
			}
		}
		// b: folder throughput, process wall time
		for (String tag : tags("b")) {
			double ours = median("b", tag, "ours", 3), raw = median("b", tag, "raw", 3);
			double n = median("b", tag, "ours", 5);
			JsonObject rawPart = parts.get("b_" + tag + "_raw");
			String inProc = rawPart == null ? "" : " (in-process " + f1(num(rawPart, "images_per_s")) + ")";
			add("b. folder of " + (int) n + " PNG, CLI classify --json (decode, preprocess, infer, CAM, JSON) vs raw ORT batch 8, "
				+ "images / process wall time (cold JVM)", tag,
				f1(n / ours) + " img/s", f1(n / raw) + " img/s" + inProc, f3(raw / ours) + "x", ">= 0.85x", raw / ours >= 0.85);
			double withOut = median("b", tag, "ours_out", 3);
			if (withOut > 0) {
				add("b. the same with --out (also results.csv, a JSON file and a 32-bit CAM TIFF per image)", tag,
					f1(n / withOut) + " img/s", f1(n / raw) + " img/s", f3(raw / withOut) + "x", "(info)", null);
			}
		}
		// d: one image, fresh JVM
		for (String tag : tags("d")) {
			double ow = median("d", tag, "ours", 3), rw = median("d", tag, "raw", 3);
			double om = median("d", tag, "ours", 4), rm = median("d", tag, "raw", 4);
			int runs = count("d", tag, "ours");
			add("d. one image, fresh JVM (cold), java -jar, median wall of " + runs + " runs", tag, f2(ow) + " s", f2(rw) + " s",
				f3(ow / rw) + "x", "<= 1.3x", ow / rw <= 1.3);
			double lw = median("d", tag, "ours_launcher", 3);
			if (lw > 0) {
				add("d. one image, fresh JVM (cold), target/inception-cam (class-data-sharing archive), median wall", tag,
					f2(lw) + " s", f2(rw) + " s", f3(lw / rw) + "x", "<= 1.3x", lw / rw <= 1.3);
			}
			if (om > 0 && rm > 0) {
				add("d. one image, fresh JVM (cold), median peak RSS", tag, f0(om / 1024) + " MiB", f0(rm / 1024) + " MiB",
					f3(om / rm) + "x", "(info)", null);
			}
		}
		// e: load heap, -Xmx512m, soak
		for (Map.Entry<String, JsonObject> e : parts.entrySet()) {
			if (!e.getKey().startsWith("e_load_")) continue;
			String tag = e.getKey().substring(7);
			JsonObject o = e.getValue();
			double hi = num(o, "heap_peak_pools_over_file"), lo = num(o, "heap_peak_sampled_over_file");
			add("e. Java heap while loading / file size (peak of pools; sampled)", tag,
				f1((num(o, "heap_peak_pools_kb") - num(o, "heap_before_kb")) / 1024) + " MiB; " + f1((num(o, "heap_peak_sampled_kb") - num(o, "heap_before_kb")) / 1024) + " MiB",
				f1(num(o, "model_bytes") / 1048576.0) + " MiB file", f2(hi) + "x; " + f2(lo) + "x", "<= 2x", hi <= 2 ? Boolean.TRUE : lo <= 2 ? null : Boolean.FALSE);
			add("f. second load of the same model via EngineCache (one JVM)", tag, f3(num(o, "second_load_ms")) + " ms",
				f0(num(o, "first_load_ms")) + " ms first load", "", "<= 5 ms", num(o, "second_load_ms") <= 5);
		}
		for (Map.Entry<String, JsonObject> e : parts.entrySet()) {
			if (!e.getKey().startsWith("e_xmx512_")) continue;
			JsonObject o = e.getValue();
			boolean ok = o.has("first_load_ms");
			add("e. load under -Xmx512m", e.getKey().substring(9), ok ? "loaded in " + f0(num(o, "first_load_ms")) + " ms" : "FAILED: " + str(o, "error"),
				"", "", "succeeds", ok);
		}
		for (Map.Entry<String, JsonObject> e : parts.entrySet()) {
			if (!e.getKey().startsWith("e_soak_") || !e.getKey().endsWith("_ours")) continue;
			String tag = e.getKey().substring(7, e.getKey().length() - 5);
			JsonArray so = e.getValue().getAsJsonArray("samples");
			JsonObject rawPart = parts.get("e_soak_" + tag + "_raw");
			JsonArray sr = rawPart == null ? null : rawPart.getAsJsonArray("samples");
			JsonObject o1 = so.get(0).getAsJsonObject(), oN = so.get(so.size() - 1).getAsJsonObject();
			JsonObject sum = e.getValue().getAsJsonObject("summary");
			if (sum != null) {
				double ratio = num(sum, "vmrss_ratio");
				add("e. VmRSS after " + num0(sum, "reference_images") + " and after " + num0(sum, "end_images") + " images (ours)", tag,
					f0(num(sum, "vmrss_reference_kb") / 1024) + " -> " + f0(num(sum, "vmrss_end_kb") / 1024) + " MiB", "", f3(ratio) + "x", "<= 1.05x", ratio <= 1.05);
				double grown = num(sum, "native_growth_kb") / 1024;
				add("e. resident memory outside the Java heap (VmRSS - resident heap), growth from " + num0(sum, "reference_images") + " to " + num0(sum, "end_images") + " images (ours)", tag,
					f0(num(sum, "native_reference_kb") / 1024) + " -> " + f0(num(sum, "native_end_kb") / 1024) + " MiB", "", f1(grown) + " MiB",
					"no growth (< 2 % of VmRSS)", Math.abs(grown * 1024) < 0.02 * num(sum, "vmrss_end_kb"));
				if (sum.has("managed_arrays_end")) {
					add("e. DJL tensors left open after " + num0(sum, "reference_images") + " / " + num0(sum, "end_images") + " images (ours)", tag,
						num0(sum, "managed_arrays_reference") + " / " + num0(sum, "managed_arrays_end"), "", "", "0 / 0",
						num(sum, "managed_arrays_reference") == 0 && num(sum, "managed_arrays_end") == 0);
				}
			} else {
				double growth = num(oN, "vmrss_kb") / num(o1, "vmrss_kb");
				add("e. VmRSS after " + num0(o1, "images") + " and after " + num0(oN, "images") + " images (ours)", tag,
					f0(num(o1, "vmrss_kb") / 1024) + " -> " + f0(num(oN, "vmrss_kb") / 1024) + " MiB", "", f3(growth) + "x growth", "<= 1.05x", growth <= 1.05);
			}
			if (sr != null) {
				JsonObject rN = sr.get(sr.size() - 1).getAsJsonObject(), r1 = sr.get(0).getAsJsonObject();
				double ratio = num(oN, "vmrss_kb") / num(rN, "vmrss_kb");
				add("e. VmRSS after " + num0(oN, "images") + " images, ours vs raw ORT", tag, f0(num(oN, "vmrss_kb") / 1024) + " MiB",
					f0(num(rN, "vmrss_kb") / 1024) + " MiB (raw " + f0(num(r1, "vmrss_kb") / 1024) + " after " + num0(r1, "images") + ")",
					f3(ratio) + "x", "<= 1.3x", ratio <= 1.3);
			}
		}
		// g: spinning
		for (Map.Entry<String, JsonObject> e : parts.entrySet()) {
			if (!e.getKey().startsWith("g_")) continue;
			JsonObject o = e.getValue();
			for (JsonElement x : o.getAsJsonArray("results")) {
				JsonObject r = x.getAsJsonObject();
				add("g. spinning off (ours, default) vs on, " + e.getKey().substring(2).replace('_', ' ') + " (warm, batch " + num0(r, "batch") + ")",
					Path.of(str(o, "model").replace("built-in:", "")).getFileName().toString().replace(".onnx", ""),
					f1(num(r.getAsJsonObject("ours"), "images_per_s")) + " img/s off",
					f1(num(r.getAsJsonObject("peer"), "images_per_s")) + " img/s on", f3(num(r, "time_ratio_ours_over_peer")) + "x (off/on time)", "(info)", null);
			}
		}
		// h: PyTorch eager
		JsonObject torch = parts.get("h_torch");
		if (torch == null || torch.has("absent")) {
			add("h. PyTorch eager CPU peer", "-", "absent", torch == null ? "not run" : str(torch, "absent"), "", "(info)", null);
		} else {
			for (JsonElement x : torch.getAsJsonArray("results")) {
				JsonObject r = x.getAsJsonObject();
				String tag = str(r, "model");
				double ours = oursImagesPerSecond(tag, (int) num(r, "batch"));
				add("h. PyTorch " + str(torch, "torch_version") + " eager CPU, " + num0(torch, "threads") + " threads (warm, batch " + num0(r, "batch") + ")", tag,
					Double.isNaN(ours) ? "-" : f1(ours) + " img/s ours", f1(num(r, "images_per_s")) + " img/s torch",
					Double.isNaN(ours) ? "" : f3(num(r, "images_per_s") / ours) + "x (ours/torch time)", "(info)", null);
			}
		}
	}

	private double oursImagesPerSecond(String tag, int batch) {
		JsonObject a = parts.get("a_" + tag);
		if (a == null) return Double.NaN;
		for (JsonElement x : a.getAsJsonArray("results")) {
			JsonObject r = x.getAsJsonObject();
			if ((int) num(r, "batch") == batch) return num(r.getAsJsonObject("ours"), "images_per_s");
		}
		return Double.NaN;
	}

	private List<String> tags(String part) {
		List<String> t = new ArrayList<>();
		for (String[] l : timings) if (l[0].equals(part) && !t.contains(l[1])) t.add(l[1]);
		return t;
	}

	private int count(String part, String tag, String side) {
		int n = 0;
		for (String[] l : timings) if (l[0].equals(part) && l[1].equals(tag) && l[2].equals(side)) n++;
		return n;
	}

	/** Median of column {@code col} (wall s, max RSS KiB, images) over the matching timing lines; NaN if none. */
	private double median(String part, String tag, String side, int col) {
		List<Double> v = new ArrayList<>();
		for (String[] l : timings) {
			if (l.length > col && l[0].equals(part) && l[1].equals(tag) && l[2].equals(side)) {
				try {
					v.add(Double.parseDouble(l[col]));
				} catch (NumberFormatException e) {
					// "-": not measured
				}
			}
		}
		Collections.sort(v);
		return SideStats.median(v);
	}

	private void add(String figure, String model, String ours, String peer, String ratio, String target, Boolean met) {
		rows.add(new String[] {figure, model, ours, peer, ratio, target, met == null ? "" : met ? "yes" : "NO"});
	}

	private String markdown(JsonObject machine, String mode) {
		StringBuilder sb = new StringBuilder();
		sb.append(String.format(Locale.ROOT, "%n## Inception CAM benchmark (%s mode), %s%n%n", mode, OffsetDateTime.now(ZoneOffset.UTC).withNano(0)));
		sb.append(String.format(Locale.ROOT, "Machine: %s processors, %s, %s GiB, %s, %s.%n%n", str(machine, "nproc"), str(machine, "cpu"),
			str(machine, "memory_gib"), str(machine, "os"), str(machine, "java")));
		sb.append("| figure | model | ours | peer | ratio | target | met |\n|---|---|---|---|---|---|---|\n");
		for (String[] r : rows) sb.append("| ").append(String.join(" | ", r)).append(" |\n");
		return sb.toString();
	}

	private static double num(JsonObject o, String k) {
		return o != null && o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsDouble() : Double.NaN;
	}

	private static String num0(JsonObject o, String k) {
		return f0(num(o, k));
	}

	private static String str(JsonObject o, String k) {
		return o != null && o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsString() : "?";
	}

	private static String f0(double v) {
		return String.format(Locale.ROOT, "%.0f", v);
	}

	private static String f1(double v) {
		return String.format(Locale.ROOT, "%.1f", v);
	}

	private static String f2(double v) {
		return String.format(Locale.ROOT, "%.2f", v);
	}

	private static String f3(double v) {
		return String.format(Locale.ROOT, "%.3f", v);
	}
}
