/* Swagger UI for /openapi.json, from local files (no CDN). */
"use strict";
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true, docExpansion: "list" });
