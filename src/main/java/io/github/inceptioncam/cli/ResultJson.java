package io.github.inceptioncam.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.github.inceptioncam.inference.CamResult;
import io.github.inceptioncam.inference.Classification;
import io.github.inceptioncam.inference.Prediction;
import io.github.inceptioncam.model.InceptionModel;

/** The JSON line of one classified image, as documented in the README. */
final class ResultJson {
	static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

	private ResultJson() {}

	static JsonObject of(Classification c, InceptionModel model) {
		JsonObject o = new JsonObject();
		o.addProperty("image", c.image());
		o.addProperty("model", model.displayName());
		o.addProperty("model_sha256", model.sha256());
		o.addProperty("device", c.device());
		JsonArray size = new JsonArray();
		size.add(c.width());
		size.add(c.height());
		o.add("input_size", size);
		JsonArray top = new JsonArray();
		for (Prediction p : c.top()) {
			JsonObject t = new JsonObject();
			t.addProperty("index", p.index());
			t.addProperty("label", p.label());
			t.add("probability", num(p.probability()));
			t.add("logit", num(p.logit()));
			top.add(t);
		}
		o.add("top", top);
		CamResult cam = c.cam();
		o.add("cam", cam == null ? JsonNull.INSTANCE : cam(cam));
		JsonArray cams = new JsonArray();
		for (CamResult r : c.cams()) cams.add(r == cam ? o.get("cam") : cam(r));
		o.add("cams", cams);
		o.add("cam_error", c.camError() == null ? JsonNull.INSTANCE : new JsonPrimitive(c.camError()));
		JsonObject t = new JsonObject();
		t.add("preprocess", num(round(c.preprocessMs())));
		t.add("inference", num(round(c.inferenceMs())));
		t.add("cam", num(round(c.camMs())));
		if (!Double.isNaN(c.decodeMs())) t.add("decode", num(round(c.decodeMs())));
		o.add("timing_ms", t);
		return o;
	}

	/** One class map: class, method, raw map at feature resolution (rows are y), box, identity error. */
	static JsonObject cam(CamResult cam) {
		JsonObject m = new JsonObject();
		m.addProperty("class_index", cam.classIndex());
		m.addProperty("label", cam.label());
		m.addProperty("method", cam.method());
		m.addProperty("exact", cam.exact());
		JsonArray fs = new JsonArray();
		fs.add(cam.featureHeight());
		fs.add(cam.featureWidth());
		m.add("feature_size", fs);
		JsonArray raw = new JsonArray();
		for (int y = 0; y < cam.featureHeight(); y++) {
			JsonArray row = new JsonArray();
			for (int x = 0; x < cam.featureWidth(); x++) row.add(num(cam.raw(y, x)));
			raw.add(row);
		}
		m.add("raw", raw);
		int[] b = cam.box();
		if (b == null) {
			m.add("bbox", JsonNull.INSTANCE);
		} else {
			JsonArray bb = new JsonArray();
			for (int v : b) bb.add(v);
			m.add("bbox", bb);
		}
		m.add("identity_error", num(cam.identityError()));
		return m;
	}

	static com.google.gson.JsonElement num(double v) {
		return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
	}

	private static double round(double ms) {
		return Math.round(ms * 1000) / 1000.0;
	}
}
