/** Operations of the enrollment/template/self-service routes, registered into the OpenAPI document. */
import { registerOperations } from './openapi';

registerOperations([]);
