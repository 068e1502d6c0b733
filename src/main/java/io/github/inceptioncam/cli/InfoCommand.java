package io.github.inceptioncam.cli;

import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.github.inceptioncam.model.CamHead;
import io.github.inceptioncam.model.HeadSearchResult;
import io.github.inceptioncam.model.InceptionModel;
import io.github.inceptioncam.model.ModelCost;
import io.github.inceptioncam.model.ModelMetadata;
import io.github.inceptioncam.model.OnnxGraph;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code info}: what the engine sees in a model: inputs, outputs, head, classes, cost per layer. */
@Command(name = "info", description = "Describe a model: inputs, outputs, detected CAM head, classes, MACs and parameters per layer.")
final class InfoCommand implements Callable<Integer> {
	@Spec
	CommandSpec spec;

	@Mixin
	ModelOptions modelOptions;

	@Option(names = "--json", description = "One JSON object on stdout.")
	boolean json;

	@Override
	public Integer call() throws Exception {
		InceptionModel model = modelOptions.load();
		ModelCost cost = ModelCost.analyse(model);
		PrintWriter out = spec.commandLine().getOut();
		if (json) out.println(ResultJson.GSON.toJson(toJson(model, cost)));
		else printText(out, model, cost);
		out.flush();
		return Main.OK;
	}

	static int classes(InceptionModel model) {
		HeadSearchResult h = model.head();
		if (h.hasCam() && h.head().classes() > 0) return h.head().classes();
		return model.metadata().labels().isEmpty() ? -1 : model.metadata().labels().size();
	}

	static JsonObject toJson(InceptionModel model, ModelCost cost) {
		JsonObject o = new JsonObject();
		ModelMetadata m = model.metadata();
		o.addProperty("model", model.displayName());
		o.addProperty("model_sha256", model.sha256());
		o.addProperty("opset", model.graph().opset());
		o.add("inputs", values(model.graph().inputs()));
		o.add("outputs", values(model.graph().outputs()));
		HeadSearchResult h = model.head();
		o.addProperty("main_output", h.output());
		o.addProperty("logits_tensor", h.logitsTensor());
		o.addProperty("softmax_output", h.softmaxOutput());
		JsonArray ignored = new JsonArray();
		h.ignoredOutputs().forEach(ignored::add);
		o.add("ignored_outputs", ignored);
		if (h.hasCam()) {
			CamHead c = h.head();
			JsonObject head = new JsonObject();
			head.addProperty("kind", c.kind().name());
			head.addProperty("feature_tensor", c.featureTensor());
			head.addProperty("feature_layout", c.featureLayout().name());
			head.addProperty("pool", c.poolNode());
			head.addProperty("classifier", c.linearNode());
			head.addProperty("description", c.describe());
			head.addProperty("operators", c.operators());
			head.addProperty("method", c.method());
			head.addProperty("exact", c.exact());
			o.add("head", head);
			o.addProperty("feature_tensor", c.featureTensor());
			o.add("no_cam_reason", JsonNull.INSTANCE);
		} else {
			o.add("head", JsonNull.INSTANCE);
			o.add("feature_tensor", JsonNull.INSTANCE);
			o.addProperty("no_cam_reason", h.noCamReason());
		}
		o.addProperty("classes", classes(model));
		JsonArray labels = new JsonArray();
		m.labels().forEach(labels::add);
		o.add("labels", labels);
		o.addProperty("preprocessing", m.preprocessingSummary());
		JsonArray sources = new JsonArray();
		m.sources().forEach(sources::add);
		o.add("metadata_sources", sources);
		JsonArray layers = new JsonArray();
		for (ModelCost.Layer l : cost.layers()) {
			JsonObject j = new JsonObject();
			j.addProperty("name", l.name);
			j.addProperty("op", l.op);
			JsonArray shape = new JsonArray();
			if (l.outputShape != null) for (long d : l.outputShape) shape.add(d);
			j.add("output_shape", shape);
			j.addProperty("macs", l.macs);
			j.addProperty("params", l.params);
			layers.add(j);
		}
		o.add("layers", layers);
		o.addProperty("total_macs", cost.totalMacs());
		o.addProperty("total_params", cost.totalParams());
		return o;
	}

	private static JsonArray values(java.util.List<ValueInfoProto> vis) {
		JsonArray a = new JsonArray();
		for (ValueInfoProto vi : vis) {
			JsonObject j = new JsonObject();
			j.addProperty("name", vi.getName());
			long[] d = OnnxGraph.declaredDims(vi);
			JsonArray shape = new JsonArray();
			if (d != null) for (long v : d) shape.add(v);
			j.add("shape", shape);
			a.add(j);
		}
		return a;
	}

	private static void printText(PrintWriter w, InceptionModel model, ModelCost cost) {
		ModelMetadata m = model.metadata();
		HeadSearchResult h = model.head();
		w.println("Model:         " + model.displayName());
		w.println("SHA-256:       " + model.sha256());
		w.println("Opset:         " + model.graph().opset());
		for (ValueInfoProto vi : model.graph().inputs()) w.println("Input:         " + vi.getName() + " " + dims(vi));
		for (ValueInfoProto vi : model.graph().outputs()) w.println("Output:        " + vi.getName() + " " + dims(vi));
		w.println("Main output:   " + h.output() + (h.softmaxOutput() ? " (softmax of '" + h.logitsTensor() + "')" : ""));
		for (String s : h.ignoredOutputs()) w.println("Ignored:       " + s);
		if (h.hasCam()) w.println("CAM head:      " + h.head().describe());
		else w.println("CAM head:      none - " + h.noCamReason());
		int classes = classes(model);
		w.println("Classes:       " + (classes < 0 ? "unknown until run" : String.valueOf(classes))
			+ (m.labels().isEmpty() ? " (no labels)" : " " + abbreviate(m.labels().toString())));
		w.println("Preprocessing: " + m.preprocessingSummary());
		w.println("Metadata from: " + (m.sources().isEmpty() ? "defaults" : String.join("; ", m.sources())));
		w.println();
		w.printf(Locale.ROOT, "%-40s %-8s %-22s %16s %12s%n", "layer", "op", "output", "MACs", "params");
		for (ModelCost.Layer l : cost.layers()) {
			w.printf(Locale.ROOT, "%-40s %-8s %-22s %,16d %,12d%n", abbreviate(l.name), l.op,
				l.outputShape == null ? "?" : Arrays.toString(l.outputShape), l.macs, l.params);
		}
		w.printf(Locale.ROOT, "%-40s %-8s %-22s %,16d %,12d%n", "total", "", "", cost.totalMacs(), cost.totalParams());
	}

	private static String dims(ValueInfoProto vi) {
		long[] d = OnnxGraph.declaredDims(vi);
		if (d == null) return "[?]";
		StringBuilder sb = new StringBuilder("[");
		for (int i = 0; i < d.length; i++) sb.append(i > 0 ? ", " : "").append(d[i] < 0 ? "?" : String.valueOf(d[i]));
		return sb.append(']').toString();
	}

	private static String abbreviate(String s) {
		return s.length() > 40 ? s.substring(0, 37) + "..." : s;
	}
}
