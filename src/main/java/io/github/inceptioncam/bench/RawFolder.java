package io.github.inceptioncam.bench;

import ai.onnxruntime.OrtException;
import com.google.gson.JsonObject;
import io.github.inceptioncam.inference.OrtRuntime;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** The raw peer on a folder: decode with ImageIO, preprocess, run ORT in batches, top-1 per image. */
final class RawFolder {
	private RawFolder() {}

	static List<Path> images(Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g|tiff?|bmp|gif)$"))
				.sorted().collect(Collectors.toList());
		}
	}

	static JsonObject run(Path modelPath, Path dir, int batch, int threads, boolean spinning) throws IOException, OrtException {
		List<Path> files = images(dir);
		if (files.isEmpty()) throw new IllegalArgumentException(dir + ": no images (png, jpg, tif, bmp, gif)");
		long t0 = System.nanoTime();
		PeerModel m = PeerModel.load(modelPath);
		RawPreprocess pre = new RawPreprocess(m.sidecar);
		FloatBuffer buf = DirectBuffers.floats((long) batch * m.imageSize());
		long decodeNs = 0, runNs = 0;
		int done = 0;
		long loadNs;
		try (RawOrtPeer peer = new RawOrtPeer(OrtRuntime.environment(), m, threads, spinning, false)) {
			loadNs = System.nanoTime() - t0;
			for (int from = 0; from < files.size(); from += batch) {
				int n = Math.min(batch, files.size() - from);
				long d0 = System.nanoTime();
				for (int i = 0; i < n; i++) {
					BufferedImage img = ImageIO.read(files.get(from + i).toFile());
					if (img == null) throw new IOException(files.get(from + i) + ": ImageIO cannot decode it");
					pre.write(img, buf, i);
				}
				long r0 = System.nanoTime();
				peer.run(buf, m.shape(n));
				runNs += System.nanoTime() - r0;
				decodeNs += r0 - d0;
				done += n;
			}
		}
		double workS = (decodeNs + runNs) / 1e9;
		JsonObject o = new JsonObject();
		o.addProperty("mode", "raw-folder");
		o.addProperty("model", m.name);
		o.addProperty("images", done);
		o.addProperty("batch", batch);
		o.addProperty("load_ms", loadNs / 1e6);
		o.addProperty("decode_preprocess_ms_per_image", decodeNs / 1e6 / done);
		o.addProperty("inference_ms_per_image", runNs / 1e6 / done);
		o.addProperty("images_per_s", done / workS);
		return o;
	}
}
