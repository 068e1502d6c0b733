package io.github.inceptioncam.demo;

import ij.io.FileSaver;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A demo data set: field i has the seed {@code Rng.seedOf(seed, i)} and a class from a seeded shuffle of each block of
 * consecutive indices, so classes are balanced, fields do not depend on the count or the thread count.
 */
public final class DemoDataset {
	public static final String LABELS = "labels.csv";
	public static final String HEADER = "image,label,x,y,w,h";
	/** Micrometres per pixel of a 40x objective on a 13 um pixel camera. */
	public static final double DEFAULT_UM_PER_PIXEL = 0.325;
	private final FieldGenerator generator;
	private final long seed;
	private final List<DemoClass> classes;
	private final double umPerPixel;

	public DemoDataset(FieldGenerator generator, long seed, List<DemoClass> classes, double umPerPixel) {
		if (classes.isEmpty()) throw new IllegalArgumentException("no classes to generate");
		if (classes.stream().distinct().count() != classes.size()) throw new IllegalArgumentException("classes repeat: " + classes);
		if (!(umPerPixel > 0) || Double.isInfinite(umPerPixel)) throw new IllegalArgumentException("pixel size must be positive");
		this.generator = generator;
		this.seed = seed;
		this.classes = List.copyOf(classes);
		this.umPerPixel = umPerPixel;
	}

	/** The class of field {@code index}: each block of (number of classes) fields holds every class once. */
	public DemoClass classOf(int index) {
		int k = classes.size();
		List<DemoClass> block = new ArrayList<>(classes);
		Rng rng = new Rng(Rng.seedOf(seed ^ 0x5DEECE66DL, index / k));
		for (int i = k - 1; i > 0; i--) Collections.swap(block, i, rng.between(0, i));
		return block.get(index % k);
	}

	/** Field {@code index} of the data set. */
	public Field field(int index) {
		return generator.generate(Rng.seedOf(seed, index), classOf(index));
	}

	/** File name of field {@code index} in a set of {@code count}: field_00000.tif, zero-padded to at least five digits. */
	public static String fileName(int index, int count) {
		int digits = Math.max(5, String.valueOf(Math.max(0, count - 1)).length());
		return String.format(Locale.ROOT, "field_%0" + digits + "d.tif", index);
	}

	/** Writes fields 0..count-1 as calibrated 16-bit TIFFs and labels.csv into {@code dir}; returns the count per class. */
	public Map<DemoClass, Integer> write(Path dir, int count, int threads) throws IOException {
		if (count < 1) throw new IllegalArgumentException("count must be at least 1");
		Files.createDirectories(dir);
		StringBuilder csv = new StringBuilder(HEADER).append('\n');
		Map<DemoClass, Integer> perClass = new EnumMap<>(DemoClass.class);
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
			Thread t = new Thread(r, "demo-generator");
			t.setDaemon(true);
			return t;
		});
		try {
			int window = 4 * Math.max(1, threads);
			for (int start = 0; start < count; start += window) {
				List<Future<Field>> futures = new ArrayList<>();
				for (int i = start; i < Math.min(count, start + window); i++) {
					int index = i;
					futures.add(pool.submit(() -> field(index)));
				}
				for (int j = 0; j < futures.size(); j++) {
					Field f = get(futures.get(j));
					String name = fileName(start + j, count);
					save(f, dir.resolve(name), name);
					csv.append(row(name, f)).append('\n');
					perClass.merge(f.label(), 1, Integer::sum);
				}
			}
		} finally {
			pool.shutdownNow();
		}
		try (Writer w = Files.newBufferedWriter(dir.resolve(LABELS), StandardCharsets.UTF_8)) {
			w.write(csv.toString());
		}
		return perClass;
	}

	/** One labels.csv row: image,label,x,y,w,h with empty box fields for interphase. */
	static String row(String name, Field f) {
		int[] b = f.box();
		return name + ',' + f.label().label() + (b == null ? ",,,," : "," + b[0] + ',' + b[1] + ',' + b[2] + ',' + b[3]);
	}

	private void save(Field f, Path file, String name) throws IOException {
		String title = name.substring(0, name.length() - 4);
		if (!new FileSaver(f.toImagePlus(title, umPerPixel)).saveAsTiff(file.toString())) throw new IOException("cannot write " + file);
	}

	private static Field get(Future<Field> future) throws IOException {
		try {
			return future.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted");
		} catch (ExecutionException e) {
			Throwable c = e.getCause();
			if (c instanceof RuntimeException) throw (RuntimeException) c;
			throw new IOException(c);
		}
	}
}
