package io.github.inceptioncam.cli;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.inceptioncam.inference.OrtRuntime;
import io.github.inceptioncam.inference.Preprocessor;
import io.github.inceptioncam.model.BioimagePackage;
import io.github.inceptioncam.model.InceptionModel;
import io.github.inceptioncam.model.Layout;
import io.github.inceptioncam.model.ModelBytes;
import io.github.inceptioncam.model.ModelException;
import io.github.inceptioncam.model.ModelMetadata;
import io.github.inceptioncam.model.Npy;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code validate}: runs a bioimage.io package's own test input (raw, before preprocessing) through its
 * preprocessing and the ONNX model, and compares each output with the package's test output. Exit 0 all
 * pass, 1 a mismatch, 2 a bad package.
 */
@Command(name = "validate", description = "Run a bioimage.io model package's test tensors and compare with its expected outputs.")
final class ValidateCommand implements Callable<Integer> {
	/** Used when the package gives no tolerance: {absolute, relative, mismatched elements per million}. */
	static final double[] DEFAULT_TOLERANCE = {1e-6, 1e-4, 0};

	@Spec
	CommandSpec spec;

	@Mixin
	ModelOptions modelOptions;

	@Option(names = "--json", description = "One JSON object on stdout.")
	boolean json;

	@Override
	public Integer call() throws Exception {
		if (modelOptions.model == null) throw new ModelException("validate needs --model PATH to a bioimage.io package (rdf.yaml, its folder or the .zip)");
		if (!BioimagePackage.isPackage(modelOptions.model)) {
			throw new ModelException(modelOptions.model + ": not a bioimage.io package (an rdf.yaml or bioimageio.yaml, a folder holding one, or a .zip)");
		}
		InceptionModel model = modelOptions.load();
		BioimagePackage pkg = model.bioimagePackage();
		if (pkg.testInputs().size() != 1) throw new ModelException(pkg.descriptor() + ": the package has " + pkg.testInputs().size() + " test inputs; one is needed");
		if (pkg.testOutputs().isEmpty()) throw new ModelException(pkg.descriptor() + ": the package has no test outputs");
		Npy input = npy(pkg, pkg.testInputs().get(0));
		ModelMetadata meta = model.metadata();
		if (input.shape.length != 4) throw new ModelException(pkg.descriptor() + ": the test input " + Npy.shapeText(input.shape) + " is not 4-D");
		boolean nchw = meta.layout() == Layout.NCHW;
		int n = (int) input.shape[0], c = (int) input.shape[nchw ? 1 : 3], h = (int) input.shape[nchw ? 2 : 1], w = (int) input.shape[nchw ? 3 : 2];
		if (c != meta.channels()) {
			throw new ModelException(pkg.descriptor() + ": the test input " + Npy.shapeText(input.shape) + " has " + c + " channels in "
				+ meta.layout() + " order; the model has " + meta.channels());
		}
		float[] tensor = new float[input.data.length];
		int plane = h * w;
		for (int s = 0; s < n; s++) {
			float[][] planes = new float[c][plane];
			for (int k = 0; k < c; k++) {
				for (int i = 0; i < plane; i++) planes[k][i] = input.data[nchw ? (s * c + k) * plane + i : (s * plane + i) * c + k];
			}
			Preprocessor.normalise(meta, planes);
			for (int k = 0; k < c; k++) {
				for (int i = 0; i < plane; i++) tensor[nchw ? (s * c + k) * plane + i : (s * plane + i) * c + k] = planes[k][i];
			}
		}
		List<float[]> got = new ArrayList<>();
		List<long[]> gotShapes = new ArrayList<>();
		run(model, tensor, input.shape, pkg, got, gotShapes);

		PrintWriter out = spec.commandLine().getOut();
		JsonArray results = new JsonArray();
		boolean all = true;
		for (int i = 0; i < pkg.testOutputs().size(); i++) {
			String id = i < pkg.outputIds().size() ? pkg.outputIds().get(i) : "output" + i;
			Npy expected = npy(pkg, pkg.testOutputs().get(i));
			double[] tol = pkg.tolerance(id);
			if (tol == null) tol = DEFAULT_TOLERANCE;
			JsonObject r = new JsonObject();
			r.addProperty("output", id);
			String line;
			if (i >= got.size() || got.get(i).length != expected.data.length) {
				all = false;
				String shape = i >= got.size() ? "no such output" : "shape " + Npy.shapeText(gotShapes.get(i));
				line = "FAIL " + id + ": " + shape + ", expected " + Npy.shapeText(expected.shape);
				r.addProperty("status", "FAIL");
				r.addProperty("reason", line.substring(5));
			} else {
				float[] g = got.get(i);
				double maxAbs = 0, maxRel = 0;
				long mismatched = 0;
				for (int k = 0; k < g.length; k++) {
					double e = expected.data[k], d = Math.abs(g[k] - e);
					if (!(d <= tol[0] + tol[1] * Math.abs(e))) mismatched++;
					if (Double.isNaN(d)) d = Double.POSITIVE_INFINITY;
					maxAbs = Math.max(maxAbs, d);
					if (e != 0) maxRel = Math.max(maxRel, d / Math.abs(e));
				}
				boolean pass = mismatched <= tol[2] * g.length / 1e6;
				all &= pass;
				line = (pass ? "PASS " : "FAIL ") + id + ": max abs diff " + fmt(maxAbs) + ", max rel diff " + fmt(maxRel)
					+ (mismatched > 0 ? " (" + mismatched + " of " + g.length + " values outside the tolerance)" : "");
				r.addProperty("status", pass ? "PASS" : "FAIL");
				r.addProperty("max_abs_diff", maxAbs);
				r.addProperty("max_rel_diff", maxRel);
				r.addProperty("mismatched", mismatched);
			}
			JsonObject t = new JsonObject();
			t.addProperty("absolute", tol[0]);
			t.addProperty("relative", tol[1]);
			t.addProperty("mismatched_elements_per_million", tol[2]);
			r.add("tolerance", t);
			results.add(r);
			if (!json) out.println(line);
		}
		if (json) {
			JsonObject o = new JsonObject();
			o.addProperty("package", pkg.descriptor());
			o.addProperty("format_version", pkg.formatVersion());
			o.addProperty("pass", all);
			o.add("outputs", results);
			out.println(ResultJson.GSON.toJson(o));
		}
		out.flush();
		return all ? Main.OK : Main.SOME_FAILED;
	}

	private static String fmt(double v) {
		return String.format(Locale.ROOT, "%.3g", v);
	}

	private static Npy npy(BioimagePackage pkg, String file) throws ModelException {
		try {
			return Npy.read(pkg.readFile(file));
		} catch (IllegalArgumentException e) {
			throw new ModelException(pkg.descriptor() + ": " + file + ": " + e.getMessage());
		}
	}

	/** Runs the model once on the tensor and collects, per package output, the ONNX output it names (else the one at its index). */
	private static void run(InceptionModel model, float[] tensor, long[] shape, BioimagePackage pkg, List<float[]> got, List<long[]> shapes)
			throws ModelException {
		OrtEnvironment env = OrtRuntime.environment();
		ByteBuffer buf = model.camReadyBuffer();
		try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
			opts.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
			try (OrtSession session = env.createSession(buf, opts)) {
				ModelBytes.free(buf);
				buf = null;
				try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(tensor), shape);
						OrtSession.Result r = session.run(Map.of(model.inputName(), in))) {
					for (int i = 0; i < pkg.outputIds().size(); i++) {
						String id = pkg.outputIds().get(i);
						String name = session.getOutputNames().contains(id) ? id
							: i < model.graph().outputs().size() ? model.graph().outputs().get(i).getName() : null;
						OnnxValue v = name == null ? null : r.get(name).orElse(null);
						if (!(v instanceof OnnxTensor)) break;
						OnnxTensor t = (OnnxTensor) v;
						FloatBuffer fb = t.getFloatBuffer();
						float[] a = new float[fb.remaining()];
						fb.get(a);
						got.add(a);
						shapes.add(t.getInfo().getShape());
					}
				}
			}
		} catch (OrtException e) {
			throw new ModelException(pkg.descriptor() + ": ONNX Runtime cannot run the test input (" + Main.oneLine(e) + ")");
		} finally {
			ModelBytes.free(buf);
		}
	}
}
