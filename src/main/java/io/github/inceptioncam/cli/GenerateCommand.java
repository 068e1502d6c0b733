package io.github.inceptioncam.cli;

import io.github.inceptioncam.demo.DemoClass;
import io.github.inceptioncam.demo.DemoDataset;
import io.github.inceptioncam.demo.FieldGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code generate}: writes a synthetic, labelled nuclear-stain data set (demo fields and labels.csv). Parameters only. */
@Command(name = "generate", description = "Write synthetic 16-bit fluorescence fields of stained nuclei and labels.csv "
	+ "(classes interphase, mitosis, apoptosis, binucleated; balanced; boxes of the deciding cells).")
final class GenerateCommand implements Callable<Integer> {
	@Spec
	CommandSpec spec;

	@Option(names = "--count", required = true, paramLabel = "N", description = "Number of fields to write.")
	int count;

	@Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed; the same seed gives the same files (default: ${DEFAULT-VALUE}).")
	long seed;

	@Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the TIFF files and labels.csv.")
	Path out;

	@Option(names = "--size", paramLabel = "PX", defaultValue = "256", description = "Field width and height in pixels (default: ${DEFAULT-VALUE}).")
	int size;

	@Option(names = "--classes", paramLabel = "LIST", split = ",", defaultValue = "interphase,mitosis,apoptosis,binucleated",
		description = "Classes to generate, in equal numbers (default: ${DEFAULT-VALUE}).")
	List<String> classNames;

	@Option(names = "--pixel-size", paramLabel = "UM", defaultValue = "0.325", description = "Calibration in micrometres per pixel (default: ${DEFAULT-VALUE}).")
	double umPerPixel;

	@Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
	boolean help;

	@Option(names = "--overwrite", description = "Replace a data set already in DIR (its field_*.tif and labels.csv).")
	boolean overwrite;

	@Override
	public Integer call() throws Exception {
		PrintWriter stdout = spec.commandLine().getOut(), stderr = spec.commandLine().getErr();
		DemoDataset dataset;
		try {
			if (count < 1) throw new IllegalArgumentException("--count must be at least 1");
			List<DemoClass> classes = new ArrayList<>();
			for (String c : classNames) {
				DemoClass k = DemoClass.parse(c);
				if (classes.contains(k)) throw new IllegalArgumentException("--classes names " + k.label() + " twice");
				classes.add(k);
			}
			if (!(umPerPixel > 0) || Double.isInfinite(umPerPixel)) throw new IllegalArgumentException("--pixel-size must be a positive number");
			dataset = new DemoDataset(new FieldGenerator(size), seed, classes, umPerPixel);
			checkFolder();
		} catch (IllegalArgumentException e) {
			stderr.println("error: " + e.getMessage());
			return Main.USAGE_OR_MODEL;
		}
		long t0 = System.nanoTime();
		Map<DemoClass, Integer> perClass = dataset.write(out, count, Runtime.getRuntime().availableProcessors());
		StringJoiner summary = new StringJoiner(", ");
		perClass.forEach((c, k) -> summary.add(k + " " + c.label()));
		stdout.printf(Locale.ROOT, "wrote %d fields (%s) and %s to %s in %.1f s%n", count, summary, DemoDataset.LABELS, out,
			(System.nanoTime() - t0) / 1e9);
		stdout.flush();
		return Main.OK;
	}

	/** DIR must be a folder or absent, and hold no data set unless --overwrite (which removes the old one). */
	private void checkFolder() throws IOException {
		if (Files.exists(out) && !Files.isDirectory(out)) throw new IllegalArgumentException(out + " is a file, not a folder");
		if (!Files.isDirectory(out)) return;
		List<Path> old = new ArrayList<>();
		try (DirectoryStream<Path> ds = Files.newDirectoryStream(out, "{field_*.tif," + DemoDataset.LABELS + "}")) {
			ds.forEach(old::add);
		}
		if (old.isEmpty()) return;
		if (!overwrite) throw new IllegalArgumentException(out + " already holds a data set; choose another folder or add --overwrite");
		for (Path p : old) Files.delete(p);
	}
}
