package io.github.inceptioncam.bench;

import io.github.inceptioncam.model.InceptionModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model as the raw peer sees it: the ORIGINAL file (not our CAM-ready rewrite; ONNX Runtime opens it by
 * path, the lightest way a hand-written program can) or the built-in model's bytes, and its sidecar.
 * Reads no graph, so a raw process pays nothing of ours.
 */
final class PeerModel {
	final String name;
	/** The model file, or null for the built-in model (then {@link #bytes}). */
	final Path file;
	final byte[] bytes;
	final Sidecar sidecar;

	private PeerModel(String name, Path file, byte[] bytes, Sidecar sidecar) {
		this.name = name;
		this.file = file;
		this.bytes = bytes;
		this.sidecar = sidecar;
	}

	/** The model file (its sidecar {@code x.json} or {@code x.onnx.json} beside it), or the built-in model when null. */
	static PeerModel load(Path model) throws IOException {
		if (model == null) {
			byte[] b = resource(InceptionModel.BUILTIN_NAME);
			byte[] s = resource(InceptionModel.BUILTIN_NAME.replace(".onnx", ".json"));
			return new PeerModel("built-in", null, b, Sidecar.parse(new String(s, StandardCharsets.UTF_8)));
		}
		String file = model.getFileName().toString();
		String stem = file.endsWith(".onnx") ? file.substring(0, file.length() - 5) : file;
		Sidecar sc = null;
		for (Path p : new Path[] {model.resolveSibling(stem + ".json"), model.resolveSibling(file + ".json")}) {
			if (Files.isRegularFile(p)) {
				sc = Sidecar.parse(Files.readString(p));
				break;
			}
		}
		if (sc == null) throw new IOException(model + ": the raw peer needs the model's sidecar JSON (input size, normalisation) beside it");
		return new PeerModel(file, model, null, sc);
	}

	static long size(Path model) throws IOException {
		return model == null ? resource(InceptionModel.BUILTIN_NAME).length : Files.size(model);
	}

	private static byte[] resource(String file) throws IOException {
		try (InputStream in = InceptionModel.class.getResourceAsStream(InceptionModel.BUILTIN_DIR + file)) {
			if (in == null) throw new IOException("this build has no built-in model; pass --model");
			return in.readAllBytes();
		}
	}

	int imageSize() {
		return sidecar.input.channels * sidecar.input.width * sidecar.input.height;
	}

	long[] shape(int batch) {
		return new long[] {batch, sidecar.input.channels, sidecar.input.height, sidecar.input.width};
	}
}
