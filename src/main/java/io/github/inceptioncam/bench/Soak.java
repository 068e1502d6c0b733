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
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Resident memory over many images in one JVM: N images (16 synthetic pictures, cycled) through our
 * engine or through the raw peer, VmRSS sampled every {@code every} images and at the end.
 */
final class Soak {
	private static final int DISTINCT = 16;

	private Soak() {}

	static JsonObject run(Path modelPath, EngineSettings settings, boolean raw, int total, int every, int batch,
			Consumer<String> log) throws Exception {
		JsonObject o = new JsonObject();
		o.addProperty("mode", "soak");
		o.addProperty("engine", raw ? "raw-ort" : "ours");
		o.addProperty("batch", batch);
		JsonArray samples = new JsonArray();
		PeerModel pm = PeerModel.load(modelPath);
		Sidecar sc = pm.sidecar;
		List<BufferedImage> pictures = SyntheticImages.images(DISTINCT, sc.input.width, sc.input.height, sc.input.channels, 77);
		if (raw) {
			RawPreprocess pre = new RawPreprocess(sc);
			FloatBuffer buf = DirectBuffers.floats((long) batch * pm.imageSize());
			try (RawOrtPeer peer = new RawOrtPeer(OrtRuntime.environment(), pm, settings.intraOpThreads(), settings.spinning(), false)) {
				int done = 0;
				while (done < total) {
					int n = Math.min(batch, total - done);
					for (int i = 0; i < n; i++) pre.write(pictures.get((done + i) % DISTINCT), buf, i);
					peer.run(buf, pm.shape(n));
					done = sample(samples, done, n, every, total);
				}
			}
		} else {
			pm = null; // ours reads the model itself
			try (CamEngine engine = CamEngine.load(InceptionModel.load(modelPath, null), settings, log);
					CamSession s = engine.newSession(batch)) {
				ClassifyOptions opts = new ClassifyOptions();
				int done = 0;
				while (done < total) {
					int n = Math.min(batch, total - done);
					List<ImageInput> in = new ArrayList<>();
					for (int i = 0; i < n; i++) in.add(SyntheticImages.toInput(pictures.get((done + i) % DISTINCT), "soak"));
					s.classify(in, opts);
					done = sample(samples, done, n, every, total);
				}
			}
		}
		o.add("samples", samples);
		o.addProperty("vmhwm_kb", ProcStatus.vmHwmKb());
		return o;
	}

	private static int sample(JsonArray samples, int done, int n, int every, int total) {
		int now = done + n;
		if (now / every > done / every || now == total) {
			JsonObject s = new JsonObject();
			s.addProperty("images", now);
			s.addProperty("vmrss_kb", ProcStatus.vmRssKb());
			Runtime rt = Runtime.getRuntime();
			s.addProperty("heap_used_kb", (rt.totalMemory() - rt.freeMemory()) / 1024);
			samples.add(s);
		}
		return now;
	}
}
