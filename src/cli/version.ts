export { PACKAGE_VERSION as VERSION } from '../config/project-root';
