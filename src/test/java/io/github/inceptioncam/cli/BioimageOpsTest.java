package io.github.inceptioncam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.inceptioncam.inference.Preprocessor;
import io.github.inceptioncam.model.InceptionModel;
import io.github.inceptioncam.model.ModelException;
import io.github.inceptioncam.model.PreStep;
import io.github.inceptioncam.testing.BioPackages;
import io.github.inceptioncam.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bioimage.io preprocessing op, read from an rdf.yaml and applied, against a hand computation. */
class BioimageOpsTest {
	static final double[][] X = {{1, 2, 3, 4, 5, 10}, {-2, 0, 2, 4, 6, 8}, {0.5, 0.5, 1, 1, 2, 7}};
	static final double EPS = 1e-6;

	@TempDir
	Path dir;
	int count;

	/** Loads a package whose input has these preprocessing lines (already indented as list items). */
	List<PreStep> steps(boolean v05, String... pre) throws Exception {
		Path folder = dir.resolve("p" + count++);
		Files.createDirectories(folder);
		byte[] onnx = TestModels.build(TestModels.Head.GEMM_TORCH, 1).bytes();
		Files.write(folder.resolve("m.onnx"), onnx);
		String input = v05
			? "  - id: image\n    axes: [{type: batch}, {type: channel, channel_names: [r, g, b]}, {type: space, id: y}, {type: space, id: x}]\n"
			: "  - name: image\n    axes: bcyx\n    data_type: float32\n    shape: [1, 3, 24, 32]\n";
		String output = v05 ? "  - id: logits\n    axes: [{type: batch}, {type: channel, channel_names: [a, b, c, d]}]\n"
			: "  - name: logits\n    axes: bc\n    data_type: float32\n    shape: [1, 4]\n";
		BioPackages.text(folder.resolve("rdf.yaml"), "format_version: " + (v05 ? "0.5.4" : "0.4.10") + "\ntype: model\nname: ops\ninputs:\n" + input
			+ "    preprocessing:\n" + String.join("\n", pre) + "\noutputs:\n" + output
			+ "weights:\n  onnx: {source: m.onnx, sha256: " + BioPackages.sha256(onnx) + "}\n");
		return InceptionModel.load(folder, null).metadata().steps();
	}

	static float[][] apply(List<PreStep> steps) {
		float[][] p = new float[X.length][];
		for (int c = 0; c < X.length; c++) {
			p[c] = new float[X[c].length];
			for (int i = 0; i < p[c].length; i++) p[c][i] = (float) X[c][i];
		}
		Preprocessor.applySteps(steps, p);
		return p;
	}

	/** Checks the result against f(c, x) for every channel and value. */
	interface PerChannel {
		DoubleUnaryOperator of(int c);
	}

	static void check(List<PreStep> steps, PerChannel f) {
		float[][] got = apply(steps);
		for (int c = 0; c < X.length; c++) {
			for (int i = 0; i < X[c].length; i++) {
				double want = f.of(c).applyAsDouble(X[c][i]);
				assertEquals(want, got[c][i], 1e-5 * Math.max(1, Math.abs(want)), "channel " + c + " value " + i + " of " + steps);
			}
		}
	}

	static double[] all() {
		double[] a = new double[18];
		for (int c = 0; c < 3; c++) System.arraycopy(X[c], 0, a, c * 6, 6);
		return a;
	}

	static double mean(double[] v) {
		double s = 0;
		for (double x : v) s += x;
		return s / v.length;
	}

	static double std(double[] v) {
		double m = mean(v), s = 0;
		for (double x : v) s += (x - m) * (x - m);
		return Math.sqrt(s / v.length);
	}

	@Test
	void scaleLinear() throws Exception {
		check(steps(true, "      - id: scale_linear", "        kwargs: {gain: 2.0, offset: 3.0}"), c -> x -> 2 * x + 3);
		double[] g = {1, 2, 3}, o = {0, -1, 1};
		check(steps(false, "      - name: scale_linear", "        kwargs: {axes: xy, gain: [1, 2, 3], offset: [0, -1, 1]}"), c -> x -> g[c] * x + o[c]);
		check(steps(true, "      - id: scale_linear", "        kwargs: {axis: channel, gain: [1, 2, 3]}"), c -> x -> g[c] * x);
	}

	@Test
	void scaleRangePerChannelAndJoint() throws Exception {
		check(steps(true, "      - id: scale_range", "        kwargs: {axes: [x, y], min_percentile: 10, max_percentile: 90}"), c -> {
			double lo = BioPackages.percentile(X[c], 10), hi = BioPackages.percentile(X[c], 90);
			return x -> (x - lo) / (hi - lo + EPS);
		});
		double lo = BioPackages.percentile(all(), 0), hi = BioPackages.percentile(all(), 100);
		check(steps(true, "      - id: scale_range"), c -> x -> (x - lo) / (hi - lo + EPS));
		double lo4 = BioPackages.percentile(all(), 5), hi4 = BioPackages.percentile(all(), 95);
		check(steps(false, "      - name: scale_range", "        kwargs: {mode: per_sample, axes: cyx, min_percentile: 5, max_percentile: 95, eps: 0.01}"),
			c -> x -> (x - lo4) / (hi4 - lo4 + 0.01));
	}

	@Test
	void zeroMeanUnitVariancePerSampleAndFixed() throws Exception {
		check(steps(false, "      - name: zero_mean_unit_variance", "        kwargs: {mode: per_sample, axes: xy}"), c -> x -> (x - mean(X[c])) / (std(X[c]) + EPS));
		check(steps(true, "      - id: zero_mean_unit_variance"), c -> x -> (x - mean(all())) / (std(all()) + EPS));
		double[] m = {1, 2, 3}, s = {2, 4, 8};
		check(steps(false, "      - name: zero_mean_unit_variance", "        kwargs: {mode: fixed, axes: xy, mean: [1, 2, 3], std: [2, 4, 8]}"),
			c -> x -> (x - m[c]) / (s[c] + EPS));
		check(steps(true, "      - id: fixed_zero_mean_unit_variance", "        kwargs: {axis: channel, mean: [1, 2, 3], std: [2, 4, 8]}"),
			c -> x -> (x - m[c]) / (s[c] + EPS));
		check(steps(true, "      - id: fixed_zero_mean_unit_variance", "        kwargs: {mean: 103.5, std: 13.7}"), c -> x -> (x - 103.5) / (13.7 + EPS));
	}

	@Test
	void binarizeClipSigmoidAndOrder() throws Exception {
		check(steps(true, "      - id: binarize", "        kwargs: {threshold: 2}"), c -> x -> x > 2 ? 1 : 0);
		double[] t = {2, 3, 1};
		check(steps(true, "      - id: binarize", "        kwargs: {axis: channel, threshold: [2, 3, 1]}"), c -> x -> x > t[c] ? 1 : 0);
		check(steps(false, "      - name: clip", "        kwargs: {min: 1, max: 5}"), c -> x -> Math.min(Math.max(x, 1), 5));
		check(steps(true, "      - id: clip", "        kwargs: {min: 0, max_percentile: 50, axes: [x, y]}"), c -> {
			double hi = BioPackages.percentile(X[c], 50);
			return x -> Math.min(Math.max(x, 0), hi);
		});
		check(steps(true, "      - id: sigmoid"), c -> x -> 1 / (1 + Math.exp(-x)));
		// steps run in the package's order: scale then clip differs from clip then scale
		check(steps(true, "      - id: scale_linear", "        kwargs: {gain: 2.0}", "      - id: clip", "        kwargs: {max: 5}",
			"      - id: ensure_dtype", "        kwargs: {dtype: float32}"), c -> x -> Math.min(2 * x, 5));
	}

	@Test
	void unsupportedStepsAreRefusedInOneLine() throws Exception {
		String[][] cases = {
			{"true", "      - id: ensure_dtype", "        kwargs: {dtype: uint8}", "uint8"},
			{"false", "      - name: scale_range", "        kwargs: {mode: per_dataset, axes: xy}", "per_dataset"},
			{"true", "      - id: scale_linear", "        kwargs: {axis: x, gain: [1, 2]}", "axis 'x'"},
			{"true", "      - id: zero_mean_unit_variance", "        kwargs: {axes: [x]}", "axes"},
			{"true", "      - id: softmax", "        kwargs: {axis: channel}", "softmax"},
			{"false", "      - name: scale_linear", "        kwargs: {axes: xy, gain: [1, 2]}", "2 values"}};
		for (String[] k : cases) {
			ModelException e = assertThrows(ModelException.class, () -> steps(Boolean.parseBoolean(k[0]), k[1], k[2]), k[1]);
			assertTrue(e.getMessage().contains(k[3]) && !e.getMessage().contains("\n"), e.getMessage());
		}
	}
}
