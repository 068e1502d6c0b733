package io.github.inceptioncam.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.inceptioncam.inference.CamEngine;
import io.github.inceptioncam.inference.CamSession;
import io.github.inceptioncam.inference.EngineSettings;
import io.github.inceptioncam.inference.ImageInput;
import io.github.inceptioncam.inference.OrtRuntime;
import io.github.inceptioncam.inference.Preprocessor;
import io.github.inceptioncam.model.InceptionModel;
import io.github.inceptioncam.model.ModelMetadata;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Our engine (classify + CAM) against a peer, batch size by batch size, interleaved in one JVM. The
 * peer is raw ONNX Runtime on the original model ({@link Peer#RAW}) or our own engine with the other
 * spinning setting ({@link Peer#SPINNING}).
 */
final class CompareBench {
	enum Peer {
		/** raw ORT on the original model. */
		RAW,
		/** our engine with the other spinning setting. */
		SPINNING,
		/** raw ORT on our CAM-ready rewrite (same outputs as ours: logits and feature map), to split our overhead. */
		RAW_CAM_READY
	}

	private CompareBench() {}

	static JsonObject run(Path modelPath, EngineSettings settings, List<Integer> batches, double seconds, Peer peerKind,
			Consumer<String> log) throws Exception {
		return run(modelPath, settings, batches, seconds, peerKind, "auto", log);
	}

	/** As above, our side making the maps of the classes {@code classSpec} names (as {@code classify --class}). */
	static JsonObject run(Path modelPath, EngineSettings settings, List<Integer> batches, double seconds, Peer peerKind,
			String classSpec, Consumer<String> log) throws Exception {
		InceptionModel model = InceptionModel.load(modelPath, null);
		ModelMetadata meta = model.metadata();
		JsonObject out = new JsonObject();
		out.addProperty("mode", "compare");
		out.addProperty("model", model.displayName());
		out.addProperty("model_bytes", PeerModel.size(modelPath));
		out.addProperty("input", meta.channels() + "x" + meta.inputHeight() + "x" + meta.inputWidth());
		out.addProperty("threads", settings.intraOpThreads());
		out.addProperty("spinning", settings.spinning());
		out.addProperty("seconds", seconds);
		out.addProperty("class", classSpec);
		out.addProperty("peer", peerKind == Peer.RAW ? "raw-ort" : peerKind == Peer.RAW_CAM_READY ? "raw-ort-cam-ready"
			: "ours-spinning-" + (settings.spinning() ? "off" : "on"));
		JsonArray results = new JsonArray();
		try (CamEngine ours = CamEngine.load(model, settings, log)) {
			out.addProperty("device", ours.device().name());
			out.addProperty("ort_version", OrtRuntime.version());
			CamEngine other = null;
			RawOrtPeer raw = null;
			try {
				if (peerKind == Peer.SPINNING) {
					other = CamEngine.load(model, settings.withSpinning(!settings.spinning()), log);
				} else {
					raw = peerKind == Peer.RAW_CAM_READY
						? new RawOrtPeer(OrtRuntime.environment(), camReadyBytes(model), settings.intraOpThreads(), settings.spinning(),
							ours.device().isGpu())
						: new RawOrtPeer(OrtRuntime.environment(), PeerModel.load(modelPath), settings.intraOpThreads(), settings.spinning(),
						ours.device().isGpu());
				}
				for (int b : batches) {
					log.accept("batch " + b + " ...");
					results.add(oneBatch(model, ours, other, raw, b, seconds, classSpec));
				}
			} finally {
				if (other != null) other.close();
				if (raw != null) raw.close();
			}
		}
		out.add("results", results);
		return out;
	}

	/** The CAM-ready model as bytes (the peer that runs it raw). */
	private static byte[] camReadyBytes(InceptionModel model) throws io.github.inceptioncam.model.ModelException {
		java.nio.ByteBuffer b = model.camReadyBuffer();
		byte[] out = new byte[b.remaining()];
		b.get(out);
		io.github.inceptioncam.model.ModelBytes.free(b);
		return out;
	}

	private static JsonObject oneBatch(InceptionModel model, CamEngine ours, CamEngine other, RawOrtPeer raw, int b,
			double seconds, String classSpec) throws Exception {
		ModelMetadata meta = model.metadata();
		List<ImageInput> inputs = new ArrayList<>();
		int i = 0;
		for (BufferedImage img : SyntheticImages.images(b, meta.inputWidth(), meta.inputHeight(), meta.channels(), 1000L * b)) {
			inputs.add(SyntheticImages.toInput(img, "synthetic-" + i++));
		}
		try (CamSession sa = ours.newSession(b); CamSession sb = other == null ? null : other.newSession(b)) {
			if (sa.maxBatch() != b) throw new IllegalArgumentException("the model has a fixed batch size of " + sa.maxBatch() + "; use --batch " + sa.maxBatch());
			OursWorkload a = new OursWorkload(sa, inputs, classSpec);
			Workload w;
			OursWorkload bOurs = null;
			if (raw != null) {
				Preprocessor pre = new Preprocessor(meta);
				FloatBuffer buf = DirectBuffers.floats((long) b * pre.imageSize());
				for (int k = 0; k < b; k++) pre.write(inputs.get(k), buf, k);
				w = new RawWorkload(raw, buf, model.inputShape(b));
			} else {
				bOurs = new OursWorkload(sb, inputs, classSpec);
				w = bOurs;
			}
			SideStats[] st = Interleaved.run(a, w, seconds);
			JsonObject r = new JsonObject();
			r.addProperty("batch", b);
			r.add("ours", side(st[0], a));
			r.add("peer", side(st[1], bOurs));
			r.addProperty("time_ratio_ours_over_peer", st[1].imagesPerSecond() / st[0].imagesPerSecond());
			r.addProperty("median_latency_ratio_ours_over_peer", st[0].medianBatchMs() / st[1].medianBatchMs());
			return r;
		}
	}

	private static JsonObject side(SideStats s, OursWorkload w) {
		JsonObject o = new JsonObject();
		o.addProperty("images_per_s", s.imagesPerSecond());
		o.addProperty("median_batch_ms", s.medianBatchMs());
		o.addProperty("calls", s.calls());
		if (w != null && w.images_ > 0) {
			o.addProperty("preprocess_ms_per_image", w.preMs / w.images_);
			o.addProperty("inference_ms_per_image", w.inferMs / w.images_);
			o.addProperty("cam_ms_per_image", w.camMs / w.images_);
			o.addProperty("cam_share_of_inference", w.camMs / w.inferMs);
			o.addProperty("cams_missing", w.camsMissing);
			if (w.lastCamError != null) o.addProperty("cam_error", w.lastCamError);
		}
		return o;
	}
}
