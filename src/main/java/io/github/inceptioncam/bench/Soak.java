package io.github.inceptioncam.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.inceptioncam.inference.CamEngine;
import io.github.inceptioncam.inference.CamSession;
import io.github.inceptioncam.inference.ClassifyOptions;
import io.github.inceptioncam.inference.EngineSettings;
import io.github.inceptioncam.inference.ImageInput;
import io.github.inceptioncam.inference.OrtRuntime;
import io.github.inceptioncam.model.InceptionModel;
import java.awt.image.BufferedImage;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Resident memory over many images in one JVM: N images (16 synthetic pictures, cycled) through our
 * engine (classification and CAM) or through the raw peer. Every {@code every} images and at the end it
 * samples VmRSS and the resident memory outside the Java heap (VmRSS minus the resident pages of the
 * heap's address range: ONNX Runtime, DJL, malloc, thread stacks, metaspace, code cache, direct buffers,
 * libraries), which a heap growing towards its steady size does not move. For our engine it also counts what DJL still holds (tensors
 * under the model's manager, open sessions). The summary compares the sample at {@code reference} images
 * with the last one.
 */
final class Soak {
	private static final int DISTINCT = 16;

	private Soak() {}

	static JsonObject run(Path modelPath, EngineSettings settings, boolean raw, int total, int every, int batch,
			int reference, Consumer<String> log) throws Exception {
		JsonObject o = new JsonObject();
		o.addProperty("mode", "soak");
		o.addProperty("engine", raw ? "raw-ort" : "ours");
		o.addProperty("batch", batch);
		o.addProperty("images", total);
		JsonArray samples = new JsonArray();
		PeerModel pm = PeerModel.load(modelPath);
		Sidecar sc = pm.sidecar;
		List<BufferedImage> pictures = SyntheticImages.images(DISTINCT, sc.input.width, sc.input.height, sc.input.channels, 77);
		long t0 = System.nanoTime();
		if (raw) {
			RawPreprocess pre = new RawPreprocess(sc);
			FloatBuffer buf = DirectBuffers.floats((long) batch * pm.imageSize());
			try (RawOrtPeer peer = new RawOrtPeer(OrtRuntime.environment(), pm, settings.intraOpThreads(), settings.spinning(), false)) {
				int done = 0;
				while (done < total) {
					int n = Math.min(batch, total - done);
					for (int i = 0; i < n; i++) pre.write(pictures.get((done + i) % DISTINCT), buf, i);
					peer.run(buf, pm.shape(n));
					done = sample(samples, done, n, every, total, null, log);
				}
			}
		} else {
			pm = null; // ours reads the model itself
			try (CamEngine engine = CamEngine.load(InceptionModel.load(modelPath, null), settings, log)) {
				try (CamSession s = engine.newSession(batch)) {
					ClassifyOptions opts = new ClassifyOptions();
					int done = 0;
					while (done < total) {
						int n = Math.min(batch, total - done);
						List<ImageInput> in = new ArrayList<>();
						for (int i = 0; i < n; i++) in.add(SyntheticImages.toInput(pictures.get((done + i) % DISTINCT), "soak"));
						s.classify(in, opts);
						done = sample(samples, done, n, every, total, engine, log);
					}
				}
				o.addProperty("open_sessions_after_close", engine.openSessions());
			}
		}
		o.addProperty("seconds", (System.nanoTime() - t0) / 1e9);
		o.add("samples", samples);
		o.addProperty("vmhwm_kb", ProcStatus.vmHwmKb());
		summarise(o, samples, reference);
		return o;
	}

	/** The reference sample (the first at or after {@code reference} images) against the last one. */
	private static void summarise(JsonObject o, JsonArray samples, int reference) {
		if (samples.size() == 0) return;
		JsonObject ref = samples.get(samples.size() - 1).getAsJsonObject();
		for (int i = 0; i < samples.size(); i++) {
			JsonObject s = samples.get(i).getAsJsonObject();
			if (s.get("images").getAsInt() >= reference) {
				ref = s;
				break;
			}
		}
		JsonObject end = samples.get(samples.size() - 1).getAsJsonObject();
		JsonObject sum = new JsonObject();
		sum.addProperty("reference_images", ref.get("images").getAsInt());
		sum.addProperty("end_images", end.get("images").getAsInt());
		long r0 = ref.get("vmrss_kb").getAsLong(), r1 = end.get("vmrss_kb").getAsLong();
		sum.addProperty("vmrss_reference_kb", r0);
		sum.addProperty("vmrss_end_kb", r1);
		sum.addProperty("vmrss_ratio", r0 > 0 ? (double) r1 / r0 : Double.NaN);
		long n0 = ref.get("native_kb").getAsLong(), n1 = end.get("native_kb").getAsLong();
		sum.addProperty("native_reference_kb", n0);
		sum.addProperty("native_end_kb", n1);
		sum.addProperty("native_growth_kb", n1 - n0);
		long h0 = ref.get("heap_committed_kb").getAsLong(), h1 = end.get("heap_committed_kb").getAsLong();
		sum.addProperty("heap_committed_growth_kb", h1 - h0);
		if (end.has("managed_arrays")) {
			sum.addProperty("managed_arrays_reference", ref.get("managed_arrays").getAsInt());
			sum.addProperty("managed_arrays_end", end.get("managed_arrays").getAsInt());
		}
		o.add("summary", sum);
	}

	private static int sample(JsonArray samples, int done, int n, int every, int total, CamEngine engine, Consumer<String> log) {
		int now = done + n;
		if (now / every > done / every || now == total) {
			JsonObject s = new JsonObject();
			s.addProperty("images", now);
			long rss = ProcStatus.vmRssKb();
			s.addProperty("vmrss_kb", rss);
			s.addProperty("rss_anon_kb", ProcStatus.rssAnonKb());
			MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
			long heapUsed = mem.getHeapMemoryUsage().getUsed() / 1024, heapCommitted = mem.getHeapMemoryUsage().getCommitted() / 1024;
			long nonHeap = mem.getNonHeapMemoryUsage().getCommitted() / 1024;
			long direct = 0;
			for (BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) direct += b.getMemoryUsed() / 1024;
			s.addProperty("heap_used_kb", heapUsed);
			s.addProperty("heap_committed_kb", heapCommitted);
			s.addProperty("nonheap_committed_kb", nonHeap);
			s.addProperty("direct_buffers_kb", direct);
			long heapResident = ProcStatus.heapResidentKb();
			s.addProperty("heap_resident_kb", heapResident);
			// what is resident outside the Java heap: ONNX Runtime, DJL natives, malloc, thread stacks,
			// metaspace, code cache, direct buffers, the mapped libraries
			s.addProperty("native_kb", heapResident < 0 ? -1 : rss - heapResident);
			if (engine != null) {
				s.addProperty("managed_arrays", engine.managedArrays());
				s.addProperty("open_sessions", engine.openSessions());
			}
			samples.add(s);
			// each sample also on the log as it is taken: a long soak stopped early still says what it saw
			if (log != null) log.accept("soak " + s);
		}
		return now;
	}
}
