package io.github.inceptioncam.bench;

import io.github.inceptioncam.inference.CudaOptions;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.inceptioncam.inference.DeviceChoice;
import io.github.inceptioncam.inference.DeviceException;
import io.github.inceptioncam.inference.DeviceSelector;
import io.github.inceptioncam.inference.EngineSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: images/s of our engine (classify + CAM) against raw ONNX Runtime on the original
 * model, same device, threads and spinning, interleaved in one JVM. Further modes feed
 * {@code tools/bench/run.sh}: the raw peer on a folder, a memory soak, a load probe. Exit 0 done, 2
 * usage, model or device error (one line).
 */
@Command(name = "bench", description = "Measure our engine (classify + CAM) against raw ONNX Runtime, interleaved, per batch size.")
public final class BenchCommand implements Callable<Integer> {
	static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

	@Spec
	CommandSpec spec;

	@Option(names = "--model", paramLabel = "M", description = "ONNX model file (default: the built-in model).")
	Path model;

	@Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto", description = "Where to run (default: ${DEFAULT-VALUE}).")
	String device;

	@Option(names = "--batch", paramLabel = "1,8,32", defaultValue = "1,8,32", description = "Batch sizes (default: ${DEFAULT-VALUE}).")
	String batch;

	@Option(names = "--seconds", paramLabel = "S", defaultValue = "5", description = "Measured seconds per side and batch size (default: ${DEFAULT-VALUE}).")
	double seconds;

	@Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Intra-op threads for both sides (default: 0, every processor).")
	int threads;

	@Option(names = "--class", paramLabel = "SPEC", defaultValue = "auto",
		description = "Classes our side makes maps of, as classify --class takes them (auto, top3, all, ...; default: ${DEFAULT-VALUE}).")
	String classSpec;

	@Option(names = "--json", description = "One JSON object on stdout.")
	boolean json;

	@Option(names = "--peer", paramLabel = "raw|spinning|raw-cam-ready", defaultValue = "raw",
		description = "What to compare with: raw ONNX Runtime on the original model, our engine with the other spinning setting, "
			+ "or raw ONNX Runtime on our CAM-ready graph (default: ${DEFAULT-VALUE}).")
	String peer;

	@Option(names = "--spinning", paramLabel = "on|off|default", defaultValue = "default",
		description = "Spinning of ORT's worker threads on our side (the raw peer follows; default: EngineSettings.DEFAULT_SPINNING).")
	String spinning;

	@Option(names = "--raw-folder", paramLabel = "DIR", description = "Raw-peer mode: decode DIR's images with ImageIO, preprocess, run ORT in batches of the first --batch.")
	Path rawFolder;

	@Option(names = "--soak", paramLabel = "N", defaultValue = "0", description = "Memory mode: N images in one JVM, VmRSS sampled (with --raw: the raw peer).")
	int soak;

	@Option(names = "--sample-every", paramLabel = "K", defaultValue = "200", description = "Soak: sample VmRSS every K images (default: ${DEFAULT-VALUE}).")
	int sampleEvery;

	@Option(names = "--soak-reference", paramLabel = "R", defaultValue = "1000", description = "Soak: the summary compares the sample at R images with the last (default: ${DEFAULT-VALUE}).")
	int soakReference;

	@Option(names = "--raw", description = "Soak with the raw ONNX Runtime peer instead of our engine.")
	boolean raw;

	@Option(names = "--load-probe", description = "Load mode: heap while loading the model, and a second load through EngineCache.")
	boolean loadProbe;

	@Option(names = "--debug", description = "Print stack traces on errors.")
	boolean debug;

	@Override
	public Integer call() throws Exception {
		PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
		List<Integer> batches;
		EngineSettings settings;
		CompareBench.Peer peerKind;
		try {
			batches = BatchSizes.parse(batch);
			if (!(seconds > 0) || seconds > 3600) throw new IllegalArgumentException("--seconds must be above 0 and at most 3600, not " + seconds);
			if (threads < 0) throw new IllegalArgumentException("--threads must be 0 (every processor) or more, not " + threads);
			if (soak < 0 || sampleEvery < 1 || soakReference < 1) throw new IllegalArgumentException("--soak must be 0 or more, --sample-every and --soak-reference at least 1");
			peerKind = parsePeer(peer);
			settings = EngineSettings.of(DeviceChoice.parse(device)).withThreads(threads).withSpinning(parseSpinning(spinning));
			if (model != null && !Files.isRegularFile(model)) throw new IllegalArgumentException(model + ": no such model file");
			if (rawFolder != null && !Files.isDirectory(rawFolder)) throw new IllegalArgumentException(rawFolder + ": not a folder");
		} catch (IllegalArgumentException e) {
			err.println("error: " + e.getMessage());
			return 2;
		}
		try {
			// Refuse an unusable GPU up front, in one line, before any model is read.
			DeviceSelector.select(settings.device(), null);
		} catch (DeviceException e) {
			err.println("error: " + e.getMessage());
			return 2;
		}
		boolean cpuOnlyMode = rawFolder != null || soak > 0 || loadProbe;
		if (cpuOnlyMode && settings.device() == DeviceChoice.GPU) {
			err.println("error: --raw-folder, --soak and --load-probe measure the CPU path; use --device cpu");
			return 2;
		}
		JsonObject result;
		try {
			result = measure(batches, settings, peerKind, err);
		} catch (OutOfMemoryError e) {
			err.println("error: out of Java heap (" + e.getMessage() + ", -Xmx " + Runtime.getRuntime().maxMemory() / 1048576 + " MiB)");
			return 1;
		}
		if (json) out.println(GSON.toJson(result));
		else printText(out, result);
		out.flush();
		return 0;
	}

	private JsonObject measure(List<Integer> batches, EngineSettings settings, CompareBench.Peer peerKind, PrintWriter err) throws Exception {
		JsonObject result;
		if (rawFolder != null) {
			result = RawFolder.run(model, rawFolder, batches.get(0), settings.intraOpThreads(), settings.spinning());
		} else if (soak > 0) {
			result = Soak.run(model, settings, raw, soak, sampleEvery, batches.get(0), soakReference, line -> err.println("info: " + line));
		} else if (loadProbe) {
			result = LoadProbe.run(model, settings, line -> err.println("info: " + line));
		} else {
			result = CompareBench.run(model, settings, batches, seconds, peerKind, classSpec, line -> {
				if (!json) err.println("info: " + line);
			});
			if (result.get("device").getAsString().startsWith("gpu")) result.add("cuda_options", GSON.toJsonTree(CudaOptions.throughput(0)));
		}
		return result;
	}

	static CompareBench.Peer parsePeer(String s) {
		switch (s.trim().toLowerCase(Locale.ROOT)) {
			case "raw": return CompareBench.Peer.RAW;
			case "spinning": return CompareBench.Peer.SPINNING;
			case "raw-cam-ready": return CompareBench.Peer.RAW_CAM_READY;
			default: throw new IllegalArgumentException("--peer must be raw, spinning or raw-cam-ready, not '" + s + "'");
		}
	}

	static boolean parseSpinning(String s) {
		switch (s.trim().toLowerCase(Locale.ROOT)) {
			case "on": return true;
			case "off": return false;
			case "default": return EngineSettings.DEFAULT_SPINNING;
			default: throw new IllegalArgumentException("--spinning must be on, off or default, not '" + s + "'");
		}
	}

	private static void printText(PrintWriter out, JsonObject r) {
		if (!r.has("results")) {
			for (Map.Entry<String, JsonElement> e : r.entrySet()) out.println(e.getKey() + ": " + e.getValue());
			return;
		}
		out.printf(Locale.ROOT, "%s on %s (%s), %d threads, spinning %s, peer %s, ONNX Runtime %s%n",
			r.get("model").getAsString(), r.get("device").getAsString(), r.get("input").getAsString(), r.get("threads").getAsInt(),
			r.get("spinning").getAsBoolean() ? "on" : "off", r.get("peer").getAsString(), r.get("ort_version").getAsString());
		out.printf(Locale.ROOT, "%6s %12s %12s %10s %12s %12s %10s%n", "batch", "ours img/s", "peer img/s", "time ratio",
			"ours med ms", "peer med ms", "CAM share");
		for (JsonElement e : r.getAsJsonArray("results")) {
			JsonObject x = e.getAsJsonObject(), o = x.getAsJsonObject("ours"), p = x.getAsJsonObject("peer");
			out.printf(Locale.ROOT, "%6d %12.1f %12.1f %10.3f %12.2f %12.2f %9.3f%%%n", x.get("batch").getAsInt(),
				o.get("images_per_s").getAsDouble(), p.get("images_per_s").getAsDouble(), x.get("time_ratio_ours_over_peer").getAsDouble(),
				o.get("median_batch_ms").getAsDouble(), p.get("median_batch_ms").getAsDouble(),
				o.has("cam_share_of_inference") ? 100 * o.get("cam_share_of_inference").getAsDouble() : Double.NaN);
		}
		out.println("time ratio = ours' time per image / peer's (below 1: ours is faster). Timings on a shared machine are noisy.");
	}
}
