import AjvCompiler from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';

/**
 * Fastify compiles every route's validators and serializers when the app starts: with a few hundred routes
 * that is most of the start-up time. These factories wrap Fastify's own compilers so each schema is compiled
 * on the route's first request instead (and then kept), which keeps cold start short.
 */
export const lazyCompilers = {
  buildValidator(...args: Parameters<AjvCompiler.ValidatorFactory>) {
    const compile = AjvCompiler()(...args);
    return (route: Parameters<typeof compile>[0]) => {
      let fn: ReturnType<typeof compile> | undefined;
      const validate = (data: unknown) => {
        fn ??= compile(route);
        const result = fn(data);
        validate.errors = fn.errors;
        return result;
      };
      validate.errors = null as ReturnType<typeof compile>['errors'];
      return validate as unknown as ReturnType<typeof compile>;
    };
  },
  buildSerializer(...args: Parameters<SerializerSelector.SerializerFactory>) {
    const compile = SerializerSelector()(...args);
    return (route: SerializerSelector.RouteDefinition): SerializerSelector.Serializer => {
      let fn: SerializerSelector.Serializer | undefined;
      return (doc) => {
        fn ??= compile(route);
        return fn(doc);
      };
    };
  },
};
