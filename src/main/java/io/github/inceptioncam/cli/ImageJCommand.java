package io.github.inceptioncam.cli;

import io.github.inceptioncam.imagej.ij1.ImageJLauncher;
import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code imagej}: ImageJ 1.x with Inception CAM in its Plugins menu and the images open. */
@Command(name = "imagej", description = "Start ImageJ 1.x with Inception CAM in the Plugins menu and open the images.")
final class ImageJCommand implements Callable<Integer> {
	@Spec
	CommandSpec spec;

	@Parameters(arity = "0..*", paramLabel = "IMAGE", description = "Images to open.")
	List<Path> images = new ArrayList<>();

	@Override
	public Integer call() throws Exception {
		System.setProperty("java.awt.headless", "false");
		if (GraphicsEnvironment.isHeadless()) {
			spec.commandLine().getErr().println("error: no display: ImageJ needs a screen (set DISPLAY, or use xvfb-run)");
			return Main.USAGE_OR_MODEL;
		}
		List<String> paths = new ArrayList<>();
		for (Path p : images) {
			if (!Files.isRegularFile(p)) {
				spec.commandLine().getErr().println("error: " + p + ": no such file");
				return Main.SOME_FAILED;
			}
			paths.add(p.toAbsolutePath().toString());
		}
		ImageJLauncher.launch(paths);
		return -1; // keep the JVM (and ImageJ) running; ImageJ exits it when closed
	}
}
