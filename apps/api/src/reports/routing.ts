/** Routing lives in libs/domain (matching/route.ts); re-exported for the api's features. */
export { routeByText, routeCluster, type RoutingConfig, type RoutingKeywordRule, type RoutingUnit, type TextRoute } from '@tunedesk/domain';
