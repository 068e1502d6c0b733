package io.github.inceptioncam.bench;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The raw ONNX Runtime one-shot peer of {@code classify IMG} in a fresh JVM: load the model, decode one
 * image with ImageIO, run once on the CPU, print the top-1 class. No DJL, none of our code paths but
 * the sidecar read. Usage: {@code java -cp inception-cam-cli.jar io.github.inceptioncam.bench.OneShot
 * [--model M] IMAGE}.
 */
public final class OneShot {
	private OneShot() {}

	public static void main(String[] args) throws IOException, OrtException {
		Path model = null, image = null;
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--model") && i + 1 < args.length) model = Path.of(args[++i]);
			else image = Path.of(args[i]);
		}
		if (image == null) {
			System.err.println("usage: OneShot [--model M] IMAGE");
			System.exit(2);
		}
		PeerModel m = PeerModel.load(model);
		BufferedImage img = ImageIO.read(image.toFile());
		if (img == null) throw new IOException(image + ": ImageIO cannot decode it");
		FloatBuffer buf = DirectBuffers.floats(m.imageSize());
		new RawPreprocess(m.sidecar).write(img, buf, 0);
		int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
		try (RawOrtPeer peer = new RawOrtPeer(OrtEnvironment.getEnvironment(), m, threads, false, false)) {
			int top = peer.run(buf, m.shape(1))[0];
			System.out.println(image + ": " + m.sidecar.label(top) + " (index " + top + ")");
		}
	}
}
