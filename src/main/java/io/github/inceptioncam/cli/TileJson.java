package io.github.inceptioncam.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.inceptioncam.cam.TileAssembly;
import io.github.inceptioncam.cam.TileGrid;
import io.github.inceptioncam.inference.TileResult;

/**
 * The {@code tiles} object of a JSON line in tiles mode: tile size {@code [w, h]}, stride {@code [x, y]},
 * grid {@code [cols, rows]}, and per window (rows are y, like {@code cam.raw}) its top-1 class index and
 * probability; a window a cancelled run did not reach has class -1 and probability null.
 */
final class TileJson {
	private TileJson() {}

	static JsonObject of(TileResult r) {
		TileAssembly a = r.assembly();
		TileGrid g = a.grid();
		JsonObject o = new JsonObject();
		o.add("size", pair(g.tileWidth(), g.tileHeight()));
		o.add("stride", pair(g.strideX(), g.strideY()));
		o.add("grid", pair(g.cols(), g.rows()));
		JsonArray classes = new JsonArray(), probability = new JsonArray();
		for (int row = 0; row < g.rows(); row++) {
			JsonArray cr = new JsonArray(), pr = new JsonArray();
			for (int col = 0; col < g.cols(); col++) {
				int i = row * g.cols() + col;
				cr.add(a.top(i));
				pr.add(ResultJson.num(a.topProbability(i)));
			}
			classes.add(cr);
			probability.add(pr);
		}
		o.add("classes", classes);
		o.add("probability", probability);
		o.addProperty("map_scale", a.mapScale());
		return o;
	}

	private static JsonArray pair(int a, int b) {
		JsonArray p = new JsonArray();
		p.add(a);
		p.add(b);
		return p;
	}
}
