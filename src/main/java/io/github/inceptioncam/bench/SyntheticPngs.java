package io.github.inceptioncam.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes COUNT deterministic PNG images at a model's input size (grey for a one-channel model, RGB
 * otherwise) for the folder benchmarks. Usage: {@code java -cp inception-cam-cli.jar
 * io.github.inceptioncam.bench.SyntheticPngs OUT_DIR COUNT [MODEL]} (no MODEL: the built-in model).
 */
public final class SyntheticPngs {
	private SyntheticPngs() {}

	public static void main(String[] args) throws IOException {
		if (args.length < 2) {
			System.err.println("usage: SyntheticPngs OUT_DIR COUNT [MODEL]");
			System.exit(2);
		}
		Path out = Path.of(args[0]);
		int count = Integer.parseInt(args[1]);
		Sidecar sc = PeerModel.load(args.length > 2 ? Path.of(args[2]) : null).sidecar;
		Files.createDirectories(out);
		for (int i = 0; i < count; i++) {
			Path f = out.resolve(String.format("img_%04d.png", i));
			if (!ImageIO.write(SyntheticImages.image(sc.input.width, sc.input.height, sc.input.channels, 5000L + i), "png", f.toFile())) {
				throw new IOException("no PNG writer");
			}
		}
		System.out.println(count + " PNG images " + sc.input.width + "x" + sc.input.height + "x" + sc.input.channels + " in " + out);
	}
}
