package io.github.inceptioncam.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.inceptioncam.cam.Bilinear;
import io.github.inceptioncam.cam.CamBox;
import io.github.inceptioncam.cam.ResizedBox;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * One thread's CPU time per box, {@link ResizedBox} against its peer, the box of the resampled map
 * ({@code CamBox.box(Bilinear.resize(...))}), over the same maps in the same run, warm; and whether every box
 * agrees. The maps are the {@code cams} of a {@code classify --class all --json} output, or synthetic.
 *
 * <pre>
 * java -cp target/inception-cam-cli.jar io.github.inceptioncam.bench.BoxTiming RESULT.json [WxH|auto] [SECONDS]
 * java -cp target/inception-cam-cli.jar io.github.inceptioncam.bench.BoxTiming noise|smooth [WxH] [SECONDS]
 * </pre>
 *
 * WxH is the size the maps are resampled to (default: the result's {@code input_size}, the size of the image
 * the maps were made for; 299x299 for synthetic maps). Prints one JSON line.
 */
public final class BoxTiming {
	private BoxTiming() {}

	public static void main(String[] args) {
		if (args.length < 1) {
			System.err.println("usage: BoxTiming RESULT.json|noise|smooth [WxH] [SECONDS]");
			System.exit(2);
		}
		Maps maps;
		try {
			maps = args[0].equals("noise") || args[0].equals("smooth") ? synthetic(args[0]) : read(Path.of(args[0]));
		} catch (IOException | RuntimeException e) {
			String why = e instanceof java.nio.file.NoSuchFileException ? args[0] + ": no such file"
				: e.getMessage() != null && e.getMessage().startsWith(args[0]) ? e.getMessage() : args[0] + ": " + e;
			System.err.println("error: " + why);
			System.exit(1);
			return;
		}
		int[] size = args.length > 1 && !args[1].isEmpty() && !args[1].equals("auto") ? parseSize(args[1]) : maps.imageSize;
		double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 5;
		if (!ManagementFactory.getThreadMXBean().isCurrentThreadCpuTimeSupported()) {
			System.err.println("this JVM cannot measure a thread's CPU time");
			System.exit(2);
		}
		System.out.println(measure(maps, size[0], size[1], seconds));
	}

	/** Maps of one feature size. */
	static final class Maps {
		final String source;
		final int width, height;
		final double[][] values;
		final int[] imageSize;

		Maps(String source, int width, int height, double[][] values, int[] imageSize) {
			this.source = source;
			this.width = width;
			this.height = height;
			this.values = values;
			this.imageSize = imageSize;
		}
	}

	static JsonObject measure(Maps m, int dw, int dh, double seconds) {
		ResizedBox.Geometry g = new ResizedBox.Geometry(m.width, m.height, dw, dh);
		int agree = 0;
		for (double[] map : m.values) {
			if (Arrays.equals(g.box(map, CamBox.DEFAULT_FRACTION), CamBox.box(Bilinear.resize(map, m.width, m.height, dw, dh), dw, dh, CamBox.DEFAULT_FRACTION))) agree++;
		}
		// warm both, then measure each for the given seconds (alternating halves, so drifts of the machine hit both)
		Runnable ours = () -> {
			for (double[] map : m.values) g.box(map, CamBox.DEFAULT_FRACTION);
		};
		Runnable peer = () -> {
			for (double[] map : m.values) CamBox.box(Bilinear.resize(map, m.width, m.height, dw, dh), dw, dh, CamBox.DEFAULT_FRACTION);
		};
		cpuNanos(ours, seconds / 4);
		cpuNanos(peer, seconds / 4);
		long[] a = cpuNanos(ours, seconds / 2), b = cpuNanos(peer, seconds / 2);
		long[] c = cpuNanos(ours, seconds / 2), d = cpuNanos(peer, seconds / 2);
		double oursUs = (a[0] + c[0]) / 1e3 / ((a[1] + c[1]) * m.values.length);
		double peerUs = (b[0] + d[0]) / 1e3 / ((b[1] + d[1]) * m.values.length);
		JsonObject o = new JsonObject();
		o.addProperty("source", m.source);
		o.addProperty("maps", m.values.length);
		o.addProperty("feature_size", m.width + "x" + m.height);
		o.addProperty("image_size", dw + "x" + dh);
		o.addProperty("resized_box_cpu_us", Math.round(oursUs * 100) / 100.0);
		o.addProperty("resample_then_box_cpu_us", Math.round(peerUs * 100) / 100.0);
		o.addProperty("speedup", Math.round(peerUs / oursUs * 10) / 10.0);
		o.addProperty("boxes_agree", agree);
		o.addProperty("warm", true);
		return o;
	}

	/** Runs {@code r} until {@code seconds} of this thread's CPU time have passed: {@code {cpu nanos, passes}}. */
	private static long[] cpuNanos(Runnable r, double seconds) {
		ThreadMXBean t = ManagementFactory.getThreadMXBean();
		long start = t.getCurrentThreadCpuTime(), passes = 0, now;
		do {
			r.run();
			passes++;
			now = t.getCurrentThreadCpuTime();
		} while (now - start < seconds * 1e9);
		return new long[] {now - start, passes};
	}

	static Maps read(Path json) throws IOException {
		JsonElement root;
		try (Reader r = Files.newBufferedReader(json)) {
			root = JsonParser.parseReader(r);
		}
		JsonObject result = root.isJsonArray() ? root.getAsJsonArray().get(0).getAsJsonObject() : root.getAsJsonObject();
		if (!result.has("cams") || result.getAsJsonArray("cams").size() == 0) {
			throw new IOException(json + ": no class maps (\"cams\"); give it a classify --json --class all output whose maps were made");
		}
		List<double[]> maps = new ArrayList<>();
		int w = -1, h = -1;
		for (JsonElement e : result.getAsJsonArray("cams")) {
			JsonArray raw = e.getAsJsonObject().getAsJsonArray("raw");
			h = raw.size();
			w = raw.get(0).getAsJsonArray().size();
			double[] m = new double[w * h];
			for (int y = 0; y < h; y++) {
				JsonArray row = raw.get(y).getAsJsonArray();
				for (int x = 0; x < w; x++) m[y * w + x] = row.get(x).isJsonNull() ? Double.NaN : row.get(x).getAsDouble(); // non-finite
			}
			maps.add(m);
		}
		int[] size = {299, 299};
		if (result.has("input_size")) {
			JsonArray in = result.getAsJsonArray("input_size");
			size = new int[] {in.get(0).getAsInt(), in.get(1).getAsInt()};
		}
		return new Maps(json.toString(), w, h, maps.toArray(new double[0][]), size);
	}

	/** 1,000 8x8 maps: Gaussian noise, or smooth bumps with a little noise. */
	static Maps synthetic(String kind) {
		Random r = new Random(1);
		double[][] maps = new double[1000][64];
		for (int i = 0; i < maps.length; i++) {
			for (int j = 0; j < 64; j++) {
				double dx = j % 8 - 3.5 - i % 3, dy = j / 8 - 3 - i % 4;
				maps[i][j] = kind.equals("noise") ? r.nextGaussian() : Math.exp(-(dx * dx + dy * dy) / 6) + 0.05 * r.nextGaussian();
			}
		}
		return new Maps(kind, 8, 8, maps, new int[] {299, 299});
	}

	private static int[] parseSize(String s) {
		String[] p = s.split("x");
		return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
	}
}
