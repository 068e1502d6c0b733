package io.github.inceptioncam.model;

import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles {@link ModelMetadata} from, in decreasing priority: the sidecar JSON beside the model
 * ({@code name.json} or {@code name.onnx.json}), the ONNX {@code metadata_props} (key
 * {@value #PROPS_KEY} holding the same JSON, or a plain {@code labels} key), a {@code labels.txt}
 * beside the model, the graph's input shape, and the defaults of {@link ModelMetadata.Builder}.
 */
public final class MetadataResolver {
	/** The metadata_props key that may hold the whole sidecar document. */
	public static final String PROPS_KEY = "inception_cam";

	private MetadataResolver() {}

	/** Locates the sidecar of a model file, or null when there is none. */
	public static Path sidecarOf(Path model) {
		if (model == null) return null;
		String file = model.getFileName().toString();
		String base = file.toLowerCase().endsWith(".onnx") ? file.substring(0, file.length() - 5) : file;
		for (String candidate : new String[] {base + ".json", file + ".json"}) {
			Path p = model.resolveSibling(candidate);
			if (Files.isRegularFile(p)) return p;
		}
		return null;
	}

	/**
	 * @param modelPath the model file (null for a model read from resources)
	 * @param sidecarText the sidecar JSON text when it does not sit beside the file (may be null)
	 * @param labelsText a labels.txt content when not beside the file (may be null)
	 */
	public static ModelMetadata resolve(OnnxGraph graph, Path modelPath, String displayName, String sidecarText, String labelsText)
			throws ModelException {
		return resolve(graph, modelPath, displayName, sidecarText, labelsText, null);
	}

	/** As above; {@code sidecarWhere} names the given sidecar text in messages and sources (null: "sidecar"). */
	static ModelMetadata resolve(OnnxGraph graph, Path modelPath, String displayName, String sidecarText, String labelsText,
			String sidecarWhere) throws ModelException {
		ModelMetadata.Builder b = new ModelMetadata.Builder();
		b.name(displayName);
		Boolean[] haveLayout = {false, false};
		// lowest priority first: each later source overrides what it declares
		Path labelsFile = modelPath == null ? null : modelPath.resolveSibling("labels.txt");
		if (labelsText == null && labelsFile != null && Files.isRegularFile(labelsFile)) {
			labelsText = read(labelsFile);
		}
		if (labelsText != null) {
			b.labels(parseLabelLines(labelsText));
			b.source("labels from " + (labelsFile != null && Files.isRegularFile(labelsFile) ? labelsFile.getFileName() : "labels.txt"));
		}
		for (StringStringEntryProto e : graph.model().getMetadataPropsList()) {
			if (e.getKey().equals("labels")) {
				b.labels(parseLabelList(e.getValue()));
				b.source("labels from ONNX metadata_props");
			}
		}
		for (StringStringEntryProto e : graph.model().getMetadataPropsList()) {
			if (e.getKey().equals(PROPS_KEY)) {
				apply(b, e.getValue(), displayName + " (metadata_props '" + PROPS_KEY + "')", haveLayout);
				b.source("metadata from ONNX metadata_props");
			}
		}
		Path sidecar = sidecarOf(modelPath);
		if (sidecarText == null && sidecar != null) {
			sidecarText = read(sidecar);
			String foreign = foreignReason(sidecarText);
			if (foreign != null) {
				b.source("ignored " + sidecar.getFileName() + ": not an Inception CAM sidecar (" + foreign + ")");
				sidecarText = null;
				sidecar = null;
			}
		}
		if (sidecarText != null) {
			String where = sidecar != null ? sidecar.toString() : sidecarWhere != null ? sidecarWhere : displayName + " sidecar";
			apply(b, sidecarText, where, haveLayout);
			b.source("metadata from " + (sidecar != null ? sidecar.getFileName() : sidecarWhere != null ? sidecarWhere : "sidecar"));
		}
		applyGraph(b, graph, displayName, haveLayout[0], haveLayout[1]);
		try {
			return b.build();
		} catch (IllegalArgumentException e) {
			throw new ModelException(displayName + ": " + e.getMessage() + "; fix the model's metadata (sidecar JSON) or the command options");
		}
	}

	/** Our top-level sidecar keys and the JSON type each must have for a file to be recognised as ours. */
	private static final String[][] OUR_KEYS = {
		{"labels", "array"}, {"input", "object"}, {"normalization", "object"}, {"output", "string"}, {"name", "string"},
		{"pixel_size", "number"}, {"pixel_unit", "string"}};
	/** Top-level keys that mark a JSON file as another tool's (Keras' {@code model.to_json()}). */
	private static final String[] FOREIGN_KEYS = {"class_name", "config", "keras_version", "backend"};

	/**
	 * Why a JSON file beside a model is not our sidecar, or null when it is ours. Ours: an object with
	 * {@code "format": "inception-cam"}; or, without a {@code format} key, none of Keras' keys
	 * (class_name, config, keras_version, backend), at least one of our keys (labels, input,
	 * normalization, output, name, pixel_size) and each of ours that is present of the right JSON type.
	 * Text that is not JSON at all counts as ours (a sidecar with a typo), so it fails with the parse error.
	 */
	static String foreignReason(String text) {
		JsonElement e;
		try {
			e = JsonParser.parseString(text);
		} catch (JsonParseException ex) {
			return null;
		}
		if (!e.isJsonObject()) return "not a JSON object";
		JsonObject o = e.getAsJsonObject();
		if (o.has("format")) {
			JsonElement f = o.get("format");
			boolean ours = f.isJsonPrimitive() && f.getAsString().trim().equalsIgnoreCase("inception-cam");
			return ours ? null : "its \"format\" is " + f + ", not \"inception-cam\"";
		}
		for (String k : FOREIGN_KEYS) if (o.has(k)) return "it has the key \"" + k + "\" of a Keras/other tool's file";
		boolean any = false;
		for (String[] k : OUR_KEYS) {
			if (!o.has(k[0])) continue;
			JsonElement v = o.get(k[0]);
			boolean ok;
			switch (k[1]) {
				case "array": ok = v.isJsonArray(); break;
				case "object": ok = v.isJsonObject(); break;
				case "number": ok = v.isJsonArray() || (v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()); break;
				default: ok = v.isJsonPrimitive() && v.getAsJsonPrimitive().isString();
			}
			if (!ok) return "its \"" + k[0] + "\" is not a JSON " + k[1];
			any = true;
		}
		return any ? null : "none of the keys labels, input, normalization, output, name, pixel_size";
	}

	private static String read(Path p) throws ModelException {
		try {
			return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new ModelException(p + ": cannot be read (" + e.getMessage() + ")");
		}
	}

	public static List<String> parseLabelLines(String text) {
		List<String> out = new ArrayList<>();
		for (String line : text.split("\\r?\\n")) {
			String t = line.trim();
			if (!t.isEmpty()) out.add(t);
		}
		return out;
	}

	static List<String> parseLabelList(String text) {
		String t = text.trim();
		if (t.startsWith("[")) {
			List<String> out = new ArrayList<>();
			for (JsonElement e : JsonParser.parseString(t).getAsJsonArray()) out.add(e.getAsString());
			return out;
		}
		List<String> out = new ArrayList<>();
		for (String s : t.split(t.contains("\n") ? "\\r?\\n" : ",")) if (!s.trim().isEmpty()) out.add(s.trim());
		return out;
	}

	private static void apply(ModelMetadata.Builder b, String json, String where, Boolean[] haveLayout) throws ModelException {
		try {
			JsonObject o = JsonParser.parseString(json).getAsJsonObject();
			if (o.has("name")) b.name(o.get("name").getAsString());
			if (o.has("labels")) {
				List<String> labels = new ArrayList<>();
				for (JsonElement e : o.getAsJsonArray("labels")) labels.add(e.getAsString());
				b.labels(labels);
			}
			if (o.has("input")) {
				JsonObject in = o.getAsJsonObject("input");
				int w = in.has("width") ? in.get("width").getAsInt() : b.inputWidth;
				int h = in.has("height") ? in.get("height").getAsInt() : b.inputHeight;
				b.inputSize(w, h);
				if (in.has("width") || in.has("height")) haveLayout[1] = true;
				if (in.has("channels")) b.channels(in.get("channels").getAsInt());
				if (in.has("layout")) {
					b.layout(Layout.parse(in.get("layout").getAsString()));
					haveLayout[0] = true;
				}
			}
			if (o.has("normalization")) {
				JsonObject n = o.getAsJsonObject("normalization");
				if (n.has("scaling")) b.scaling(Scaling.parse(n.get("scaling").getAsString()));
				if (n.has("percentiles")) {
					JsonArray p = n.getAsJsonArray("percentiles");
					b.percentiles(p.get(0).getAsDouble(), p.get(1).getAsDouble());
				}
				if (n.has("mean")) b.mean(doubles(n.get("mean")));
				if (n.has("std")) b.std(doubles(n.get("std")));
			}
			if (o.has("pixel_size")) {
				double[] ps = doubles(o.get("pixel_size"));
				if (ps.length != 1 && ps.length != 2) throw new IllegalArgumentException("\"pixel_size\" must be a number or [x, y], not " + o.get("pixel_size"));
				String unit = o.has("pixel_unit") ? o.get("pixel_unit").getAsString() : "\u00b5m";
				double um = LengthUnit.micrometres(unit);
				if (Double.isNaN(um)) throw new IllegalArgumentException("\"pixel_unit\" '" + unit + "' is not a length unit (use \u00b5m, um, nm or mm)");
				b.pixelSize(ps[0] * um, ps[ps.length - 1] * um);
			}
			if (o.has("output")) {
				String out = o.get("output").getAsString().trim().toLowerCase();
				if (!out.equals("softmax") && !out.equals("logits")) throw new IllegalArgumentException("\"output\" must be \"logits\" or \"softmax\", not \"" + out + "\"");
				b.softmaxOutput(out.equals("softmax"));
			}
		} catch (JsonParseException | IllegalStateException | UnsupportedOperationException | IndexOutOfBoundsException | ClassCastException e) {
			throw new ModelException(where + ": not valid model metadata JSON (" + oneLine(e.getMessage()) + "); see docs/MODELS.md for the format");
		} catch (IllegalArgumentException e) {
			throw new ModelException(where + ": " + e.getMessage() + "; see docs/MODELS.md for the format");
		}
	}

	private static double[] doubles(JsonElement e) {
		if (e.isJsonArray()) {
			JsonArray a = e.getAsJsonArray();
			double[] v = new double[a.size()];
			for (int i = 0; i < v.length; i++) v[i] = a.get(i).getAsDouble();
			return v;
		}
		return new double[] {e.getAsDouble()};
	}

	private static void applyGraph(ModelMetadata.Builder b, OnnxGraph g, String name, boolean layoutDeclared,
			boolean sizeDeclared) throws ModelException {
		List<ValueInfoProto> inputs = g.inputs();
		if (inputs.size() != 1) {
			throw new ModelException(name + ": the model has " + inputs.size() + " inputs; an image classifier with exactly one image input is needed");
		}
		long[] d = OnnxGraph.declaredDims(inputs.get(0));
		if (d == null) {
			b.source("input shape not declared: defaults and metadata used");
			return;
		}
		if (d.length != 4) {
			throw new ModelException(name + ": the input '" + inputs.get(0).getName() + "' has rank " + d.length + "; a 4-D image input (NCHW or NHWC) is needed");
		}
		Layout layout = b.layout;
		if (!layoutDeclared) {
			boolean c1 = d[1] == 1 || d[1] == 3, c3 = d[3] == 1 || d[3] == 3;
			layout = (c3 && !c1) ? Layout.NHWC : Layout.NCHW;
			b.layout(layout);
			b.source("layout " + layout + " inferred from the input shape");
		}
		int cAxis = layout == Layout.NCHW ? 1 : 3, hAxis = layout == Layout.NCHW ? 2 : 1, wAxis = hAxis + 1;
		if (d[cAxis] > 0) b.channels((int) d[cAxis]);
		int w = d[wAxis] > 0 ? (int) d[wAxis] : b.inputWidth, h = d[hAxis] > 0 ? (int) d[hAxis] : b.inputHeight;
		if (sizeDeclared && (w != b.inputWidth || h != b.inputHeight)) {
			throw new ModelException(name + ": the metadata says input " + b.inputWidth + "x" + b.inputHeight
				+ " but the model's input is fixed at " + w + "x" + h + "; fix or remove input.width/height in the sidecar");
		}
		b.inputSize(w, h);
	}

	private static String oneLine(String s) {
		// Gson wraps its reader's exceptions: keep the reason, not the Java class name in front of it
		return s == null ? "parse error" : s.replaceAll("^([a-z]+\\.)+[A-Za-z]*(Exception|Error): ", "").replaceAll("\\s+", " ");
	}
}
