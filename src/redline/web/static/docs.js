// The bootstrap of the API docs (/docs: Swagger UI, /redoc: ReDoc). A static file
// because the pages' Content-Security-Policy forbids inline script; the bundles
// themselves come from this origin too (the fastapi-offline package ships them).
(function () {
  "use strict";
  var swagger = document.getElementById("swagger-ui");
  if (swagger && window.SwaggerUIBundle) {
    var config = JSON.parse(swagger.dataset.config);
    config.presets = [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset];
    window.ui = SwaggerUIBundle(config);
  }
  var redoc = document.getElementById("redoc");
  if (redoc && window.Redoc) {
    Redoc.init(redoc.dataset.specUrl, {}, redoc);
  }
})();
