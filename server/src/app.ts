import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { ApiError } from "./errors";
import { accessLog, provideServices, requireJson } from "./http/middleware";
import { notFoundHandler, onError, validationHook } from "./http/problem";
import { type PublicDemo, registerStatic, type StaticDirs } from "./http/static";
import { registerAgentRoutes } from "./routes/agents";
import { registerAuthRoutes } from "./routes/auth";
import { registerBrandRoutes } from "./routes/brand";
import { registerFeatureFlagRoutes } from "./routes/feature-flags";
import { registerKeyRoutes } from "./routes/keys";
import { registerDocs } from "./routes/ops/docs";
import { registerHealth } from "./routes/ops/health";
import { registerJwks } from "./routes/ops/jwks";
import { registerPartnerRoutes } from "./routes/partner";
import { registerPersonaRoutes } from "./routes/personas";
import { registerSessionRoutes } from "./routes/sessions";
import { registerSubaccountRoutes } from "./routes/subaccounts";
import { registerTeamRoutes } from "./routes/team";
import { registerUsageRoutes } from "./routes/usage";
import { registerVoiceRoutes } from "./routes/voices";
import { registerElevenLabsWebhook } from "./routes/webhooks/elevenlabs";
import { registerWidgetRoutes } from "./routes/widget";
import type { AppEnv, Services } from "./services";

export type App = OpenAPIHono<AppEnv>;

export interface AppOptions {
  /** Built front-end folders to serve; tests leave them out. */
  staticDirs?: StaticDirs;
  /** Demo mode: what the example pages may read at /examples/demo.json. */
  publicDemo?: PublicDemo;
}

/** The one place that builds the app and registers every route, grouped by area. */
export function newApp(services: Services, options: AppOptions = {}): App {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use("*", requestId());
  app.use("*", provideServices(services));
  app.use("*", accessLog);
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new ApiError("payload_too_large", `The body is larger than ${maxSize} bytes.`);
      },
    });
  // Provider webhooks carry whole transcripts; everything else is small.
  const webhookLimit = limit(2 * 1024 * 1024);
  const apiLimit = limit(services.env.MAX_BODY_BYTES);
  app.use("/v1/*", (c, next) =>
    c.req.path.startsWith("/v1/webhooks/") ? webhookLimit(c, next) : apiLimit(c, next),
  );
  app.use("/v1/*", requireJson);

  // ops
  registerHealth(app);
  registerDocs(app);
  registerJwks(app);
  // widget (publishable key + Origin, then the session token)
  registerWidgetRoutes(app);
  // provider webhooks (signed raw bodies)
  registerElevenLabsWebhook(app);
  // partner API
  registerAgentRoutes(app);
  registerPersonaRoutes(app);
  registerKeyRoutes(app);
  registerTeamRoutes(app);
  registerSessionRoutes(app);
  registerUsageRoutes(app);
  registerVoiceRoutes(app);
  registerFeatureFlagRoutes(app);
  registerPartnerRoutes(app);
  registerBrandRoutes(app);
  registerSubaccountRoutes(app);
  // dashboard auth
  registerAuthRoutes(app);

  app.openAPIRegistry.registerComponent("securitySchemes", "cookieAuth", {
    type: "apiKey",
    in: "cookie",
    name: "parley_session",
    description: "The dashboard session; POST/PUT/PATCH/DELETE also need `X-CSRF-Token`.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "publishableKey", {
    type: "http",
    scheme: "bearer",
    description:
      "A publishable key `pk_live_…`/`pk_test_…`, safe in a web page; checked with the Origin.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "sessionToken", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description:
      "The session token from POST /v1/widget/sessions (EdDSA JWT, single use at /connect).",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "secretKey", {
    type: "http",
    scheme: "bearer",
    description: "A secret key `sk_live_…` or `sk_test_…`; server to server only.",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Parley API",
      version: "1.0.0",
      description:
        "Resolve, sign and meter voice-agent conversations. Errors are RFC 9457 problem+json with a stable `code`.",
    },
    servers: [{ url: services.env.PUBLIC_URL }],
  });

  if (services.simulator) app.route("/simulator", services.simulator.app);
  if (options.staticDirs) registerStatic(app, options.staticDirs, options.publicDemo);
  app.notFound(notFoundHandler);
  app.onError(onError);
  return app;
}
