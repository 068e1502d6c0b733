package io.github.inceptioncam.model;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A bioimage.io (BioImage Model Zoo) model package, spec 0.4 or 0.5: its {@code rdf.yaml} (or
 * {@code bioimageio.yaml}) as a file, in a folder, or in a {@code .zip}. Reads the ONNX weights (checking
 * their SHA-256), the input's axes (bcyx: NCHW, byxc: NHWC), its preprocessing as {@link PreStep}s,
 * labels (the output channel axis' {@code channel_names}, or {@code config.inception_cam.labels}), the
 * {@code config.inception_cam} block (our sidecar fields), and the test tensors for {@code validate}.
 */
public final class BioimagePackage {
	/** Descriptor file names, in the order they are looked for. */
	public static final String[] DESCRIPTORS = {"rdf.yaml", "bioimageio.yaml"};
	private static final String SUPPORTED_OPS = "scale_linear, scale_range, zero_mean_unit_variance, fixed_zero_mean_unit_variance, "
		+ "binarize, clip, sigmoid, ensure_dtype (float32/float64)";

	private final Path source;
	private final String where;
	/** The folder holding the descriptor (null for a zip). */
	private final Path folder;
	/** The zip and the descriptor's folder inside it ("" or "name/"). */
	private final Path zip;
	private final String zipPrefix;
	private final String formatVersion;
	private final boolean v05;

	private String weightsSource;
	private String weightsSha256;
	private Layout layout;
	private int channels = -1, width = -1, height = -1;
	private final List<PreStep> steps = new ArrayList<>();
	private final JsonObject sidecar = new JsonObject();
	private final List<String> testInputs = new ArrayList<>();
	private final List<String> testOutputs = new ArrayList<>();
	private final List<String> outputIds = new ArrayList<>();
	private final List<Map<?, ?>> tolerances = new ArrayList<>();

	private BioimagePackage(Path source, String where, Path folder, Path zip, String zipPrefix, Map<?, ?> rdf) throws ModelException {
		this.source = source;
		this.where = where;
		this.folder = folder;
		this.zip = zip;
		this.zipPrefix = zipPrefix;
		Object type = rdf.get("type");
		if (type != null && !"model".equals(type)) throw bad("is a bioimage.io '" + type + "' description, not a model");
		formatVersion = String.valueOf(rdf.get("format_version"));
		if (formatVersion.startsWith("0.5.")) v05 = true;
		else if (formatVersion.startsWith("0.4.")) v05 = false;
		else throw bad("format_version " + formatVersion + " is not supported (0.4.x and 0.5.x are)");
		parse(rdf);
	}

	/** True when the path looks like a package: a .yaml/.yml or .zip file, or a folder holding a descriptor. */
	public static boolean isPackage(Path p) {
		if (p == null) return false;
		if (Files.isDirectory(p)) return descriptorIn(p) != null;
		String n = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
		return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".zip");
	}

	/** The descriptor inside a folder, or null. */
	public static Path descriptorIn(Path dir) {
		for (String d : DESCRIPTORS) if (Files.isRegularFile(dir.resolve(d))) return dir.resolve(d);
		return null;
	}

	/** The file whose size and time tell whether a package changed: a folder's descriptor, else the path itself. */
	public static Path stampFile(Path p) {
		if (p != null && Files.isDirectory(p)) {
			Path d = descriptorIn(p);
			return d != null ? d : p;
		}
		return p;
	}

	/** Opens a package given as a descriptor file, a folder or a zip; one-line ModelException when it is not usable. */
	public static BioimagePackage open(Path p) throws ModelException {
		String where = p.toString();
		try {
			if (Files.isDirectory(p)) {
				Path d = descriptorIn(p);
				if (d == null) throw new ModelException(where + ": no rdf.yaml or bioimageio.yaml in this folder");
				return new BioimagePackage(p, d.toString(), p, null, null, yaml(read(d), d.toString()));
			}
			if (!Files.exists(p)) throw new ModelException(where + ": no such file; check the model path");
			if (p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
				try (ZipFile z = new ZipFile(p.toFile())) {
					ZipEntry best = null;
					for (ZipEntry e : Collections.list(z.entries())) {
						String n = e.getName();
						String base = n.substring(n.lastIndexOf('/') + 1);
						if (e.isDirectory() || !(base.equals(DESCRIPTORS[0]) || base.equals(DESCRIPTORS[1]))) continue;
						if (best == null || depth(n) < depth(best.getName())
								|| depth(n) == depth(best.getName()) && base.equals(DESCRIPTORS[0])) best = e;
					}
					if (best == null) throw new ModelException(where + ": the zip holds no rdf.yaml or bioimageio.yaml; is it a bioimage.io model package?");
					String prefix = best.getName().substring(0, best.getName().lastIndexOf('/') + 1);
					String text;
					try (InputStream in = z.getInputStream(best)) {
						text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
					}
					return new BioimagePackage(p, where + "!" + best.getName(), null, p, prefix, yaml(text, where + "!" + best.getName()));
				}
			}
			return new BioimagePackage(p, where, p.toAbsolutePath().getParent(), null, null, yaml(read(p), where));
		} catch (IOException e) {
			throw new ModelException(where + ": cannot be read (" + e.getMessage() + ")");
		}
	}

	private static int depth(String name) {
		return name.split("/").length;
	}

	private static String read(Path p) throws IOException {
		return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
	}

	/**
	 * SnakeYAML's safe loading with tighter limits than its defaults: an rdf.yaml is a small hand-written
	 * file, so a few aliases at most (an alias bomb multiplies references that later code may walk), no
	 * recursive keys, shallow nesting, 1 MB of text, no duplicate keys.
	 */
	static LoaderOptions yamlLimits() {
		LoaderOptions o = new LoaderOptions();
		o.setMaxAliasesForCollections(10);
		o.setAllowRecursiveKeys(false);
		o.setNestingDepthLimit(30);
		o.setCodePointLimit(1 << 20);
		// a duplicate key is an error (one line), not SnakeYAML's two-line logger warning on stderr
		o.setAllowDuplicateKeys(false);
		return o;
	}

	private static Map<?, ?> yaml(String text, String where) throws ModelException {
		Object o;
		try {
			o = new Yaml(new SafeConstructor(yamlLimits())).load(text);
		} catch (YAMLException e) {
			throw new ModelException(where + ": not valid YAML (" + e.getMessage().replaceAll("\\s+", " ").trim() + ")");
		} catch (NumberFormatException e) {
			// SnakeYAML's YAML 1.1 float pattern takes "." and "._" for numbers that Java cannot parse (fuzzer finding)
			throw new ModelException(where + ": not valid YAML (a value that looks like a number is not one: " + e.getMessage() + ")");
		}
		if (!(o instanceof Map)) throw new ModelException(where + ": not a bioimage.io description (no YAML mapping at the top)");
		return (Map<?, ?>) o;
	}

	private ModelException bad(String what) {
		return new ModelException(where + ": " + what);
	}

	// ---------------------------------------------------------------- parsing

	private void parse(Map<?, ?> rdf) throws ModelException {
		Map<?, ?> weights = map(rdf.get("weights"), "weights");
		Object onnx = weights.get("onnx");
		if (!(onnx instanceof Map)) {
			throw bad("has no ONNX weights (weights: " + weights.keySet() + "); only weights.onnx is supported: convert the model to ONNX");
		}
		weightsSource = string(((Map<?, ?>) onnx).get("source"), "weights.onnx.source");
		Object sha = ((Map<?, ?>) onnx).get("sha256");
		weightsSha256 = sha == null ? null : String.valueOf(sha).trim().toLowerCase(Locale.ROOT);

		List<?> inputs = list(rdf.get("inputs"), "inputs");
		if (inputs.size() != 1) throw bad("has " + inputs.size() + " inputs; an image classifier with exactly one input is needed");
		Map<?, ?> in = map(inputs.get(0), "inputs[0]");
		String inName = String.valueOf(v05 ? in.get("id") : in.get("name"));
		Axes ax = axes(in, "inputs[0]");
		if (ax.letters.equals("bcyx")) layout = Layout.NCHW;
		else if (ax.letters.equals("byxc")) layout = Layout.NHWC;
		else throw bad("input axes '" + ax.letters + "' are not supported; supported orders: bcyx (NCHW) and byxc (NHWC)");
		channels = ax.size('c');
		width = ax.size('x');
		height = ax.size('y');
		Object pre = in.get("preprocessing");
		if (pre != null) for (Object s : list(pre, "inputs[0].preprocessing")) step(map(s, "a preprocessing step"), ax, inName);

		List<?> outputs = list(rdf.get("outputs"), "outputs");
		if (outputs.isEmpty()) throw bad("has no outputs");
		for (int i = 0; i < outputs.size(); i++) {
			Map<?, ?> out = map(outputs.get(i), "outputs[" + i + "]");
			outputIds.add(String.valueOf(v05 ? out.get("id") : out.get("name")));
			Object post = out.get("postprocessing");
			if (post != null) {
				for (Object s : list(post, "outputs[" + i + "].postprocessing")) {
					Map<?, ?> st = map(s, "a postprocessing step");
					String id = String.valueOf(v05 ? st.get("id") : st.get("name"));
					if (!(id.equals("ensure_dtype") && floatDtype(st))) {
						throw bad("postprocessing '" + id + "' is not supported: a classifier's scores must be the model's own output");
					}
				}
			}
			if (v05) {
				Map<?, ?> tt = out.get("test_tensor") instanceof Map ? (Map<?, ?>) out.get("test_tensor") : null;
				if (tt != null) testOutputs.add(string(tt.get("source"), "outputs[" + i + "].test_tensor.source"));
			}
			if (i == 0 && v05 && out.get("axes") instanceof List) {
				for (Object a : (List<?>) out.get("axes")) {
					if (a instanceof Map && "channel".equals(((Map<?, ?>) a).get("type")) && ((Map<?, ?>) a).get("channel_names") instanceof List) {
						com.google.gson.JsonArray labels = new com.google.gson.JsonArray();
						for (Object n : (List<?>) ((Map<?, ?>) a).get("channel_names")) labels.add(String.valueOf(n));
						sidecar.add("labels", labels);
					}
				}
			}
		}
		if (v05) {
			Map<?, ?> tt = in.get("test_tensor") instanceof Map ? (Map<?, ?>) in.get("test_tensor") : null;
			if (tt != null) testInputs.add(string(tt.get("source"), "inputs[0].test_tensor.source"));
		} else {
			if (rdf.get("test_inputs") instanceof List) for (Object o : (List<?>) rdf.get("test_inputs")) testInputs.add(String.valueOf(o));
			if (rdf.get("test_outputs") instanceof List) for (Object o : (List<?>) rdf.get("test_outputs")) testOutputs.add(String.valueOf(o));
		}

		if (rdf.get("name") != null) sidecar.addProperty("name", String.valueOf(rdf.get("name")));
		JsonObject input = new JsonObject();
		input.addProperty("layout", layout.name());
		if (width > 0 && height > 0) {
			input.addProperty("width", width);
			input.addProperty("height", height);
		}
		if (channels > 0) input.addProperty("channels", channels);
		sidecar.add("input", input);
		// 0.5: the input's x/y axes carry the training pixel size (scale, unit); 0.4 has no field for it
		// (its spec only shows deepImageJ's free text under config): config.inception_cam.pixel_size then
		double umX = LengthUnit.micrometres(ax.units.get('x')), umY = LengthUnit.micrometres(ax.units.get('y'));
		if (!Double.isNaN(umX) && !Double.isNaN(umY) && ax.scales.get('x') > 0 && ax.scales.get('y') > 0) {
			com.google.gson.JsonArray ps = new com.google.gson.JsonArray();
			ps.add(ax.scales.get('x') * umX);
			ps.add(ax.scales.get('y') * umY);
			sidecar.add("pixel_size", ps);
		}
		JsonObject norm = new JsonObject();
		norm.addProperty("scaling", "none");
		sidecar.add("normalization", norm);
		Map<?, ?> config = rdf.get("config") instanceof Map ? (Map<?, ?>) rdf.get("config") : Collections.emptyMap();
		Object ours = config.get("inception_cam");
		if (ours != null) {
			JsonElement e = new Gson().toJsonTree(ours);
			if (!e.isJsonObject()) throw bad("config.inception_cam must be a mapping (the fields of our sidecar JSON, see docs/MODELS.md)");
			for (Map.Entry<String, JsonElement> kv : e.getAsJsonObject().entrySet()) {
				JsonElement old = sidecar.get(kv.getKey());
				if (old != null && old.isJsonObject() && kv.getValue().isJsonObject()) {
					for (Map.Entry<String, JsonElement> inner : kv.getValue().getAsJsonObject().entrySet()) {
						old.getAsJsonObject().add(inner.getKey(), inner.getValue());
					}
				} else {
					sidecar.add(kv.getKey(), kv.getValue());
				}
			}
		}
		Object bio = config.get("bioimageio");
		if (bio instanceof Map && ((Map<?, ?>) bio).get("reproducibility_tolerance") instanceof List) {
			for (Object t : (List<?>) ((Map<?, ?>) bio).get("reproducibility_tolerance")) if (t instanceof Map) tolerances.add((Map<?, ?>) t);
		}
	}

	/** The axes of a tensor as letters (b, c, x, y, ...), with the channel axis' id and fixed sizes where known. */
	private static final class Axes {
		String letters = "";
		String channelId = "channel";
		final Map<Character, Integer> sizes = new java.util.HashMap<>();
		/** 0.5 space axes: physical size of a pixel along the axis ({@code scale}, default 1) and its {@code unit}, if given. */
		final Map<Character, Double> scales = new java.util.HashMap<>();
		final Map<Character, String> units = new java.util.HashMap<>();

		int size(char c) {
			Integer s = sizes.get(c);
			return s == null ? -1 : s;
		}
	}

	private Axes axes(Map<?, ?> t, String what) throws ModelException {
		Axes ax = new Axes();
		Object a = t.get("axes");
		if (a instanceof String) {
			ax.letters = ((String) a).trim().toLowerCase(Locale.ROOT);
			if (t.get("shape") instanceof List) {
				List<?> shape = (List<?>) t.get("shape");
				for (int i = 0; i < shape.size() && i < ax.letters.length(); i++) {
					if (shape.get(i) instanceof Number) ax.sizes.put(ax.letters.charAt(i), ((Number) shape.get(i)).intValue());
				}
			}
			return ax;
		}
		StringBuilder sb = new StringBuilder();
		for (Object o : list(a, what + ".axes")) {
			Map<?, ?> m = map(o, what + ".axes[]");
			String type = String.valueOf(m.get("type"));
			char c;
			switch (type) {
				case "batch": c = 'b'; break;
				case "channel":
					c = 'c';
					if (m.get("id") != null) ax.channelId = String.valueOf(m.get("id"));
					if (m.get("channel_names") instanceof List) ax.sizes.put('c', ((List<?>) m.get("channel_names")).size());
					break;
				case "space": {
					String id = m.get("id") == null ? "x" : String.valueOf(m.get("id"));
					c = id.length() == 1 ? id.charAt(0) : '?';
					if (m.get("size") instanceof Number) ax.sizes.put(c, ((Number) m.get("size")).intValue());
					ax.scales.put(c, m.get("scale") instanceof Number ? ((Number) m.get("scale")).doubleValue() : 1.0);
					if (m.get("unit") != null) ax.units.put(c, String.valueOf(m.get("unit")));
					break;
				}
				case "time": c = 't'; break;
				case "index": c = 'i'; break;
				default: throw bad(what + " has an axis of type '" + type + "'");
			}
			sb.append(c);
		}
		ax.letters = sb.toString();
		return ax;
	}

	/** Whether statistics are over the channels jointly; refuses reductions that do not cover x and y. */
	private boolean joint(Object axes, Axes ax, String op) throws ModelException {
		if (axes == null) return true; // 0.5: "Default: all axes jointly"
		String letters;
		if (axes instanceof String) {
			letters = ((String) axes).toLowerCase(Locale.ROOT);
		} else {
			StringBuilder sb = new StringBuilder();
			for (Object o : list(axes, op + ".kwargs.axes")) {
				String id = String.valueOf(o);
				sb.append(id.equals(ax.channelId) || id.equals("channel") ? 'c' : id.equals("batch") ? 'b' : id.length() == 1 ? id.charAt(0) : '?');
			}
			letters = sb.toString();
		}
		if (letters.indexOf('x') < 0 || letters.indexOf('y') < 0 || letters.replaceAll("[bcxy]", "").length() > 0) {
			throw bad(op + " over axes '" + axes + "' is not supported; statistics over x and y (per channel) or over c, x and y (joint) are");
		}
		return letters.indexOf('c') >= 0;
	}

	private void step(Map<?, ?> s, Axes ax, String inName) throws ModelException {
		String id = String.valueOf(v05 ? s.get("id") : s.get("name"));
		Map<?, ?> k = s.get("kwargs") instanceof Map ? (Map<?, ?>) s.get("kwargs") : Collections.emptyMap();
		String mode = k.get("mode") == null ? null : String.valueOf(k.get("mode"));
		Object ref = k.get("reference_tensor");
		if (ref != null && !String.valueOf(ref).equals(inName)) throw bad(id + " with reference_tensor '" + ref + "' is not supported");
		if ("per_dataset".equals(mode)) {
			throw bad(id + " with mode: per_dataset is not supported (it needs the training data's statistics); per_sample and fixed are");
		}
		alongChannel(k, id, ax);
		double eps = number(k.get("eps"), 1e-6, id + ".eps");
		switch (id) {
			case "scale_linear":
				steps.add(PreStep.scaleLinear(numbers(k.get("gain"), 1, id + ".gain"), numbers(k.get("offset"), 0, id + ".offset")));
				break;
			case "scale_range":
				steps.add(PreStep.scaleRange(number(k.get("min_percentile"), 0, id + ".min_percentile"),
					number(k.get("max_percentile"), 100, id + ".max_percentile"), eps, joint(k.get("axes"), ax, id)));
				break;
			case "zero_mean_unit_variance":
				if (!v05 && (mode == null || mode.equals("fixed"))) {
					steps.add(PreStep.fixedZeroMeanUnitVariance(numbers(k.get("mean"), Double.NaN, id + ".mean"),
						numbers(k.get("std"), Double.NaN, id + ".std"), eps));
				} else {
					steps.add(PreStep.zeroMeanUnitVariance(eps, joint(k.get("axes"), ax, id)));
				}
				break;
			case "fixed_zero_mean_unit_variance":
				steps.add(PreStep.fixedZeroMeanUnitVariance(numbers(k.get("mean"), Double.NaN, id + ".mean"),
					numbers(k.get("std"), Double.NaN, id + ".std"), eps));
				break;
			case "binarize":
				steps.add(PreStep.binarize(numbers(k.get("threshold"), Double.NaN, id + ".threshold")));
				break;
			case "clip": {
				Object lp = k.get("min_percentile"), hp = k.get("max_percentile");
				boolean perc = lp != null || hp != null;
				steps.add(PreStep.clip(number(k.get("min"), Double.NEGATIVE_INFINITY, id + ".min"), number(k.get("max"), Double.POSITIVE_INFINITY, id + ".max"),
					lp == null ? Double.NaN : number(lp, 0, id), hp == null ? Double.NaN : number(hp, 100, id), perc && joint(k.get("axes"), ax, id)));
				break;
			}
			case "sigmoid":
				steps.add(PreStep.sigmoid());
				break;
			case "ensure_dtype":
				if (!floatDtype(s)) throw bad("ensure_dtype to '" + k.get("dtype") + "' is not supported (float32 and float64 are: the model input is float32)");
				break;
			default:
				throw bad("preprocessing '" + id + "' is not supported; supported: " + SUPPORTED_OPS);
		}
	}

	/** 0.5's per-axis parameters ({@code axis}) must be along the channel axis. */
	private void alongChannel(Map<?, ?> k, String id, Axes ax) throws ModelException {
		Object axis = k.get("axis");
		if (axis != null && !String.valueOf(axis).equals(ax.channelId) && !String.valueOf(axis).equals("channel")) {
			throw bad(id + " along axis '" + axis + "' is not supported; only values along the channel axis are");
		}
	}

	private static boolean floatDtype(Map<?, ?> s) {
		Object k = s.get("kwargs");
		Object d = k instanceof Map ? ((Map<?, ?>) k).get("dtype") : null;
		return "float32".equals(d) || "float64".equals(d);
	}

	private Map<?, ?> map(Object o, String what) throws ModelException {
		if (!(o instanceof Map)) throw bad(what + " is missing or not a mapping");
		return (Map<?, ?>) o;
	}

	private List<?> list(Object o, String what) throws ModelException {
		if (!(o instanceof List)) throw bad(what + " is missing or not a list");
		return (List<?>) o;
	}

	private String string(Object o, String what) throws ModelException {
		if (o == null) throw bad(what + " is missing");
		return String.valueOf(o);
	}

	private double number(Object o, double dflt, String what) throws ModelException {
		if (o == null) {
			if (Double.isNaN(dflt)) throw bad(what + " is missing");
			return dflt;
		}
		if (!(o instanceof Number)) throw bad(what + " must be a number, not '" + o + "'");
		return ((Number) o).doubleValue();
	}

	private double[] numbers(Object o, double dflt, String what) throws ModelException {
		if (o instanceof List) {
			List<?> l = (List<?>) o;
			if (l.isEmpty()) throw bad(what + " is an empty list");
			double[] v = new double[l.size()];
			for (int i = 0; i < v.length; i++) v[i] = number(l.get(i), Double.NaN, what);
			return v;
		}
		return new double[] {number(o, dflt, what)};
	}

	// ---------------------------------------------------------------- files

	/** Reads a file of the package by its relative path (or a zip entry). */
	public byte[] readFile(String rel) throws ModelException {
		if (rel.contains("://")) throw bad("'" + rel + "' is a URL; only files inside the package are supported: download it into the package");
		String clean = rel.startsWith("./") ? rel.substring(2) : rel;
		try {
			if (zip != null) {
				try (ZipFile z = new ZipFile(zip.toFile())) {
					ZipEntry e = z.getEntry(zipPrefix + clean);
					if (e == null) throw bad("'" + rel + "' is not in the package");
					try (InputStream in = z.getInputStream(e)) {
						return in.readAllBytes();
					}
				}
			}
			return Files.readAllBytes(folder.resolve(clean));
		} catch (NoSuchFileException e) {
			throw bad("'" + rel + "' is not in the package");
		} catch (IOException e) {
			throw bad("'" + rel + "' cannot be read (" + e.getMessage() + ")");
		}
	}

	/** The ONNX weights, their SHA-256 checked against weights.onnx.sha256 when the package gives one. */
	ModelBytes weights() throws ModelException {
		ModelBytes b;
		if (zip == null && !weightsSource.contains("://")) {
			Path f = folder.resolve(weightsSource.startsWith("./") ? weightsSource.substring(2) : weightsSource);
			try {
				b = ModelBytes.map(f);
			} catch (NoSuchFileException e) {
				throw bad("weights.onnx.source '" + weightsSource + "' is not in the package");
			} catch (IOException e) {
				throw bad("weights.onnx.source '" + weightsSource + "' cannot be read (" + e.getMessage() + ")");
			}
		} else {
			b = ModelBytes.of(readFile(weightsSource));
		}
		if (weightsSha256 != null && !weightsSha256.equals(b.sha256())) {
			throw bad("the SHA-256 of " + weightsSource + " is " + b.sha256() + " but weights.onnx.sha256 says " + weightsSha256
				+ "; the weights file was changed or damaged");
		}
		return b;
	}

	/** Our sidecar document for {@link MetadataResolver}: layout, size, scaling none, labels, then config.inception_cam. */
	String sidecarJson() {
		return sidecar.toString();
	}

	/** The input's preprocessing steps, in order. */
	public List<PreStep> steps() {
		return Collections.unmodifiableList(steps);
	}

	/** The path given (descriptor, folder or zip). */
	public Path source() {
		return source;
	}

	/** The descriptor, for messages (a zip entry as zip!entry). */
	public String descriptor() {
		return where;
	}

	public String formatVersion() {
		return formatVersion;
	}

	public Layout layout() {
		return layout;
	}

	/** The channel count the package declares, or -1. */
	public int channels() {
		return channels;
	}

	public List<String> testInputs() {
		return Collections.unmodifiableList(testInputs);
	}

	public List<String> testOutputs() {
		return Collections.unmodifiableList(testOutputs);
	}

	/** Output ids (0.5) or names (0.4), in order. */
	public List<String> outputIds() {
		return Collections.unmodifiableList(outputIds);
	}

	/**
	 * Tolerance for output {@code id}: {absolute, relative, mismatched elements per million}, from 0.5's
	 * {@code config.bioimageio.reproducibility_tolerance} (the spec's defaults for absent fields), or
	 * null when the package gives none.
	 */
	public double[] tolerance(String id) {
		for (Map<?, ?> t : tolerances) {
			Object ids = t.get("output_ids"), formats = t.get("weights_formats");
			if (ids instanceof List && !((List<?>) ids).isEmpty() && !((List<?>) ids).contains(id)) continue;
			if (formats instanceof List && !((List<?>) formats).isEmpty() && !((List<?>) formats).contains("onnx")) continue;
			return new double[] {num(t.get("absolute_tolerance"), 1e-3), num(t.get("relative_tolerance"), 1e-3),
				num(t.get("mismatched_elements_per_million"), 100)};
		}
		return null;
	}

	private static double num(Object o, double d) {
		return o instanceof Number ? ((Number) o).doubleValue() : d;
	}
}
