/* eslint-disable */
// Generated from src/release/release.schema.json by src/config/generate-schemas.ts with ajv 8.20.0: do not edit.
// After changing the schema or upgrading ajv, run `npm run generate:schemas`.
// @ts-nocheck
import { createRequire } from "node:module";
import type { ValidateFunction } from "ajv";
import type { ReleaseManifest } from "./release-schema.types.js";

const require = createRequire(import.meta.url);

export const validate: ValidateFunction<ReleaseManifest> = validate10;

const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://unpkg.com/gitops-init/dist/src/release/release.schema.json","title":"gitops-init release manifest","description":"The application and infrastructure versions tested together, approved by both teams and deployed as one release.","type":"object","additionalProperties":false,"required":["release"],"properties":{"release":{"title":"Release","description":"The release: the versions deployed together, its status and its approvals.","type":"object","additionalProperties":false,"required":["application_version","infrastructure_version"],"properties":{"name":{"description":"The release's name and git tag: release-<application>-<infrastructure> (release-<app>-<application>-<infrastructure> where releases are per application, or gitops.yaml's releases.tagFormat), with -rollback-<n> for a rollback.","type":"string","pattern":"^[0-9A-Za-z][0-9A-Za-z._@+-]*$","patternErrorMessage":"not a release name (its tag, e.g. release-<application version>-<infrastructure version>: letters, digits and . _ @ + -)"},"application":{"description":"The application (the name of a tenant in gitops.yaml's teams.applications) whose release line this is; set where releases are per application, in <directory>/<application>/.","type":"string","pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","patternErrorMessage":"not an application name (lowercase letters, digits and dashes)"},"application_version":{"$ref":"#/definitions/semver"},"infrastructure_version":{"$ref":"#/definitions/semver"},"components":{"description":"Versions of more components, for organisations with several applications.","type":"object","propertyNames":{"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","patternErrorMessage":"not a component name (lowercase letters, digits and dashes)"},"additionalProperties":{"$ref":"#/definitions/semver"}},"created":{"$ref":"#/definitions/time"},"environment":{"type":"string","pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","patternErrorMessage":"not an environment name (lowercase letters, digits and dashes)"},"status":{"title":"Release status","enum":["candidate","approved","promoted","rolled-back"]},"application_team":{"description":"The application team whose approval the release needs besides the platform team's.","$ref":"#/definitions/team"},"approvals":{"type":"array","items":{"title":"Approval","type":"object","additionalProperties":false,"required":["team","approver","time"],"properties":{"team":{"$ref":"#/definitions/team"},"approver":{"type":"string","minLength":1,"pattern":"^[^\\s]+$","patternErrorMessage":"not an approver (a user name without spaces)"},"time":{"$ref":"#/definitions/time"},"verified":{"description":"true: read from the pull (merge) request's approvals through the host's API, by a member of the team on the current head; false: typed with --by, unchecked.","type":"boolean"},"pull_request":{"description":"The pull request (GitHub) or merge request (GitLab) the approval was read from.","type":"string","pattern":"^https?://[^\\s]+$","patternErrorMessage":"not a pull request URL (http:// or https://)"},"commit":{"description":"The head commit the approval was given on.","type":"string","pattern":"^[0-9a-f]{7,64}$","patternErrorMessage":"not a commit id (hexadecimal)"}}}},"promoted":{"$ref":"#/definitions/time"},"emergency":{"description":"A promotion outside the rules (no approvals, or outside a release window), with its reason.","type":"object","additionalProperties":false,"required":["reason","time"],"properties":{"reason":{"type":"string","minLength":1},"time":{"$ref":"#/definitions/time"}}},"verified":{"description":"The last successful `gitops-init release verify`: when, and the commits of the application and infrastructure tags it tested together. `release promote` refuses a release without it where gitops.yaml locates both repositories, unless --emergency.","type":"object","additionalProperties":false,"required":["time","application_commit","infrastructure_commit"],"properties":{"time":{"$ref":"#/definitions/time"},"application_commit":{"$ref":"#/definitions/commit"},"infrastructure_commit":{"$ref":"#/definitions/commit"}}},"downgrade":{"description":"Set when the release was created older than the newest one on purpose (--allow-downgrade).","const":true},"rollback_of":{"description":"The release this one rolls back, by name.","type":"string","pattern":"^[0-9A-Za-z][0-9A-Za-z._@+-]*$","patternErrorMessage":"not a release name (its tag, e.g. release-<application version>-<infrastructure version>: letters, digits and . _ @ + -)"},"notes":{"type":"string"}}}},"definitions":{"commit":{"type":"string","pattern":"^[0-9a-f]{40}([0-9a-f]{24})?$","patternErrorMessage":"not a commit id (40 or 64 lower-case hexadecimal digits)"},"semver":{"description":"Semantic version 2.0, without a leading v.","type":"string","pattern":"^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$","patternErrorMessage":"not a semantic version (major.minor.patch, no leading v)"},"team":{"type":"string","pattern":"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$","patternErrorMessage":"not a team (@organisation/team)"},"time":{"type":"string","pattern":"^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$","patternErrorMessage":"not a date or time (YYYY-MM-DD, or YYYY-MM-DDThh:mm with Z or an offset)"}}};
const schema12 = {"description":"Semantic version 2.0, without a leading v.","type":"string","pattern":"^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$","patternErrorMessage":"not a semantic version (major.minor.patch, no leading v)"};
const schema15 = {"type":"string","pattern":"^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$","patternErrorMessage":"not a date or time (YYYY-MM-DD, or YYYY-MM-DDThh:mm with Z or an offset)"};
const schema16 = {"type":"string","pattern":"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$","patternErrorMessage":"not a team (@organisation/team)"};
const schema22 = {"type":"string","pattern":"^[0-9a-f]{40}([0-9a-f]{24})?$","patternErrorMessage":"not a commit id (40 or 64 lower-case hexadecimal digits)"};
const func2 = Object.prototype.hasOwnProperty;
const func3 = require("ajv/dist/runtime/ucs2length").default;
const pattern0 = new RegExp("^[0-9A-Za-z][0-9A-Za-z._@+-]*$", "u");
const pattern1 = new RegExp("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "u");
const pattern2 = new RegExp("^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$", "u");
const pattern6 = new RegExp("^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$", "u");
const pattern8 = new RegExp("^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$", "u");
const pattern10 = new RegExp("^[^\\s]+$", "u");
const pattern12 = new RegExp("^https?://[^\\s]+$", "u");
const pattern13 = new RegExp("^[0-9a-f]{7,64}$", "u");
const pattern17 = new RegExp("^[0-9a-f]{40}([0-9a-f]{24})?$", "u");

function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://unpkg.com/gitops-init/dist/src/release/release.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.release === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "release"},message:"must have required property '"+"release"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(key0 === "release")){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.release !== undefined){
let data0 = data.release;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.application_version === undefined){
const err2 = {instancePath:instancePath+"/release",schemaPath:"#/properties/release/required",keyword:"required",params:{missingProperty: "application_version"},message:"must have required property '"+"application_version"+"'",schema:schema11.properties.release.required,parentSchema:schema11.properties.release,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data0.infrastructure_version === undefined){
const err3 = {instancePath:instancePath+"/release",schemaPath:"#/properties/release/required",keyword:"required",params:{missingProperty: "infrastructure_version"},message:"must have required property '"+"infrastructure_version"+"'",schema:schema11.properties.release.required,parentSchema:schema11.properties.release,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key1 in data0){
if(!(func2.call(schema11.properties.release.properties, key1))){
const err4 = {instancePath:instancePath+"/release",schemaPath:"#/properties/release/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.release,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data0.name !== undefined){
let data1 = data0.name;
if(typeof data1 === "string"){
if(!pattern0.test(data1)){
const err5 = {instancePath:instancePath+"/release/name",schemaPath:"#/properties/release/properties/name/pattern",keyword:"pattern",params:{pattern: "^[0-9A-Za-z][0-9A-Za-z._@+-]*$"},message:"must match pattern \""+"^[0-9A-Za-z][0-9A-Za-z._@+-]*$"+"\"",schema:"^[0-9A-Za-z][0-9A-Za-z._@+-]*$",parentSchema:schema11.properties.release.properties.name,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/release/name",schemaPath:"#/properties/release/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.release.properties.name.type,parentSchema:schema11.properties.release.properties.name,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data0.application !== undefined){
let data2 = data0.application;
if(typeof data2 === "string"){
if(!pattern1.test(data2)){
const err7 = {instancePath:instancePath+"/release/application",schemaPath:"#/properties/release/properties/application/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",parentSchema:schema11.properties.release.properties.application,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/release/application",schemaPath:"#/properties/release/properties/application/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.release.properties.application.type,parentSchema:schema11.properties.release.properties.application,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data0.application_version !== undefined){
let data3 = data0.application_version;
if(typeof data3 === "string"){
if(!pattern2.test(data3)){
const err9 = {instancePath:instancePath+"/release/application_version",schemaPath:"#/definitions/semver/pattern",keyword:"pattern",params:{pattern: "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$"},message:"must match pattern \""+"^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$"+"\"",schema:"^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$",parentSchema:schema12,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/release/application_version",schemaPath:"#/definitions/semver/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data0.infrastructure_version !== undefined){
let data4 = data0.infrastructure_version;
if(typeof data4 === "string"){
if(!pattern2.test(data4)){
const err11 = {instancePath:instancePath+"/release/infrastructure_version",schemaPath:"#/definitions/semver/pattern",keyword:"pattern",params:{pattern: "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$"},message:"must match pattern \""+"^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$"+"\"",schema:"^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$",parentSchema:schema12,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/release/infrastructure_version",schemaPath:"#/definitions/semver/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data0.components !== undefined){
let data5 = data0.components;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
for(const key2 in data5){
const _errs17 = errors;
if(typeof key2 === "string"){
if(!pattern1.test(key2)){
const err13 = {instancePath:instancePath+"/release/components",schemaPath:"#/properties/release/properties/components/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",parentSchema:schema11.properties.release.properties.components.propertyNames,data:key2,propertyName:key2};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
var valid4 = _errs17 === errors;
if(!valid4){
const err14 = {instancePath:instancePath+"/release/components",schemaPath:"#/properties/release/properties/components/propertyNames",keyword:"propertyNames",params:{propertyName: key2},message:"property name must be valid",schema:schema11.properties.release.properties.components.propertyNames,parentSchema:schema11.properties.release.properties.components,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
for(const key3 in data5){
let data6 = data5[key3];
if(typeof data6 === "string"){
if(!pattern2.test(data6)){
const err15 = {instancePath:instancePath+"/release/components/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/semver/pattern",keyword:"pattern",params:{pattern: "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$"},message:"must match pattern \""+"^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$"+"\"",schema:"^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$",parentSchema:schema12,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/release/components/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/semver/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
else {
const err17 = {instancePath:instancePath+"/release/components",schemaPath:"#/properties/release/properties/components/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.release.properties.components.type,parentSchema:schema11.properties.release.properties.components,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data0.created !== undefined){
let data7 = data0.created;
if(typeof data7 === "string"){
if(!pattern6.test(data7)){
const err18 = {instancePath:instancePath+"/release/created",schemaPath:"#/definitions/time/pattern",keyword:"pattern",params:{pattern: "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$"},message:"must match pattern \""+"^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$"+"\"",schema:"^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$",parentSchema:schema15,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/release/created",schemaPath:"#/definitions/time/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.type,parentSchema:schema15,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data0.environment !== undefined){
let data8 = data0.environment;
if(typeof data8 === "string"){
if(!pattern1.test(data8)){
const err20 = {instancePath:instancePath+"/release/environment",schemaPath:"#/properties/release/properties/environment/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",parentSchema:schema11.properties.release.properties.environment,data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/release/environment",schemaPath:"#/properties/release/properties/environment/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.release.properties.environment.type,parentSchema:schema11.properties.release.properties.environment,data:data8};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data0.status !== undefined){
let data9 = data0.status;
if(!((((data9 === "candidate") || (data9 === "approved")) || (data9 === "promoted")) || (data9 === "rolled-back"))){
const err22 = {instancePath:instancePath+"/release/status",schemaPath:"#/properties/release/properties/status/enum",keyword:"enum",params:{allowedValues: schema11.properties.release.properties.status.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.release.properties.status.enum,parentSchema:schema11.properties.release.properties.status,data:data9};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data0.application_team !== undefined){
let data10 = data0.application_team;
if(typeof data10 === "string"){
if(!pattern8.test(data10)){
const err23 = {instancePath:instancePath+"/release/application_team",schemaPath:"#/definitions/team/pattern",keyword:"pattern",params:{pattern: "^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$"},message:"must match pattern \""+"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$"+"\"",schema:"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$",parentSchema:schema16,data:data10};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/release/application_team",schemaPath:"#/definitions/team/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.type,parentSchema:schema16,data:data10};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data0.approvals !== undefined){
let data11 = data0.approvals;
if(Array.isArray(data11)){
const len0 = data11.length;
for(let i0=0; i0<len0; i0++){
let data12 = data11[i0];
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
if(data12.team === undefined){
const err25 = {instancePath:instancePath+"/release/approvals/" + i0,schemaPath:"#/properties/release/properties/approvals/items/required",keyword:"required",params:{missingProperty: "team"},message:"must have required property '"+"team"+"'",schema:schema11.properties.release.properties.approvals.items.required,parentSchema:schema11.properties.release.properties.approvals.items,data:data12};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(data12.approver === undefined){
const err26 = {instancePath:instancePath+"/release/approvals/" + i0,schemaPath:"#/properties/release/properties/approvals/items/required",keyword:"required",params:{missingProperty: "approver"},message:"must have required property '"+"approver"+"'",schema:schema11.properties.release.properties.approvals.items.required,parentSchema:schema11.properties.release.properties.approvals.items,data:data12};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if(data12.time === undefined){
const err27 = {instancePath:instancePath+"/release/approvals/" + i0,schemaPath:"#/properties/release/properties/approvals/items/required",keyword:"required",params:{missingProperty: "time"},message:"must have required property '"+"time"+"'",schema:schema11.properties.release.properties.approvals.items.required,parentSchema:schema11.properties.release.properties.approvals.items,data:data12};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
for(const key4 in data12){
if(!((((((key4 === "team") || (key4 === "approver")) || (key4 === "time")) || (key4 === "verified")) || (key4 === "pull_request")) || (key4 === "commit"))){
const err28 = {instancePath:instancePath+"/release/approvals/" + i0,schemaPath:"#/properties/release/properties/approvals/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.release.properties.approvals.items,data:data12};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data12.team !== undefined){
let data13 = data12.team;
if(typeof data13 === "string"){
if(!pattern8.test(data13)){
const err29 = {instancePath:instancePath+"/release/approvals/" + i0+"/team",schemaPath:"#/definitions/team/pattern",keyword:"pattern",params:{pattern: "^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$"},message:"must match pattern \""+"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$"+"\"",schema:"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/[A-Za-z0-9_.-]+$",parentSchema:schema16,data:data13};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/release/approvals/" + i0+"/team",schemaPath:"#/definitions/team/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.type,parentSchema:schema16,data:data13};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data12.approver !== undefined){
let data14 = data12.approver;
if(typeof data14 === "string"){
if(func3(data14) < 1){
const err31 = {instancePath:instancePath+"/release/approvals/" + i0+"/approver",schemaPath:"#/properties/release/properties/approvals/items/properties/approver/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.release.properties.approvals.items.properties.approver,data:data14};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(!pattern10.test(data14)){
const err32 = {instancePath:instancePath+"/release/approvals/" + i0+"/approver",schemaPath:"#/properties/release/properties/approvals/items/properties/approver/pattern",keyword:"pattern",params:{pattern: "^[^\\s]+$"},message:"must match pattern \""+"^[^\\s]+$"+"\"",schema:"^[^\\s]+$",parentSchema:schema11.properties.release.properties.approvals.items.properties.approver,data:data14};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
else {
const err33 = {instancePath:instancePath+"/release/approvals/" + i0+"/approver",schemaPath:"#/properties/release/properties/approvals/items/properties/approver/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.release.properties.approvals.items.properties.approver.type,parentSchema:schema11.properties.release.properties.approvals.items.properties.approver,data:data14};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data12.time !== undefined){
let data15 = data12.time;
if(typeof data15 === "string"){
if(!pattern6.test(data15)){
const err34 = {instancePath:instancePath+"/release/approvals/" + i0+"/time",schemaPath:"#/definitions/time/pattern",keyword:"pattern",params:{pattern: "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$"},message:"must match pattern \""+"^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$"+"\"",schema:"^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$",parentSchema:schema15,data:data15};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
else {
const err35 = {instancePath:instancePath+"/release/approvals/" + i0+"/time",schemaPath:"#/definitions/time/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.type,parentSchema:schema15,data:data15};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data12.verified !== undefined){
let data16 = data12.verified;
if(typeof data16 !== "boolean"){
const err36 = {instancePath:instancePath+"/release/approvals/" + i0+"/verified",schemaPath:"#/properties/release/properties/approvals/items/properties/verified/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema11.properties.release.properties.approvals.items.properties.verified.type,parentSchema:schema11.properties.release.properties.approvals.items.properties.verified,data:data16};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data12.pull_request !== undefined){
let data17 = data12.pull_request;
if(typeof data17 === "string"){
if(!pattern12.test(data17)){
const err37 = {instancePath:instancePath+"/release/approvals/" + i0+"/pull_request",schemaPath:"#/properties/release/properties/approvals/items/properties/pull_request/pattern",keyword:"pattern",params:{pattern: "^https?://[^\\s]+$"},message:"must match pattern \""+"^https?://[^\\s]+$"+"\"",schema:"^https?://[^\\s]+$",parentSchema:schema11.properties.release.properties.approvals.items.properties.pull_request,data:data17};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
else {
const err38 = {instancePath:instancePath+"/release/approvals/" + i0+"/pull_request",schemaPath:"#/properties/release/properties/approvals/items/properties/pull_request/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.release.properties.approvals.items.properties.pull_request.type,parentSchema:schema11.properties.release.properties.approvals.items.properties.pull_request,data:data17};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data12.commit !== undefined){
let data18 = data12.commit;
if(typeof data18 === "string"){
if(!pattern13.test(data18)){
const err39 = {instancePath:instancePath+"/release/approvals/" + i0+"/commit",schemaPath:"#/properties/release/properties/approvals/items/properties/commit/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{7,64}$"},message:"must match pattern \""+"^[0-9a-f]{7,64}$"+"\"",schema:"^[0-9a-f]{7,64}$",parentSchema:schema11.properties.release.properties.approvals.items.properties.commit,data:data18};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
else {
const err40 = {instancePath:instancePath+"/release/approvals/" + i0+"/commit",schemaPath:"#/properties/release/properties/approvals/items/properties/commit/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.release.properties.approvals.items.properties.commit.type,parentSchema:schema11.properties.release.properties.approvals.items.properties.commit,data:data18};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
else {
const err41 = {instancePath:instancePath+"/release/approvals/" + i0,schemaPath:"#/properties/release/properties/approvals/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.release.properties.approvals.items.type,parentSchema:schema11.properties.release.properties.approvals.items,data:data12};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
}
else {
const err42 = {instancePath:instancePath+"/release/approvals",schemaPath:"#/properties/release/properties/approvals/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.release.properties.approvals.type,parentSchema:schema11.properties.release.properties.approvals,data:data11};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data0.promoted !== undefined){
let data19 = data0.promoted;
if(typeof data19 === "string"){
if(!pattern6.test(data19)){
const err43 = {instancePath:instancePath+"/release/promoted",schemaPath:"#/definitions/time/pattern",keyword:"pattern",params:{pattern: "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$"},message:"must match pattern \""+"^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$"+"\"",schema:"^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$",parentSchema:schema15,data:data19};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
else {
const err44 = {instancePath:instancePath+"/release/promoted",schemaPath:"#/definitions/time/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.type,parentSchema:schema15,data:data19};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data0.emergency !== undefined){
let data20 = data0.emergency;
if(data20 && typeof data20 == "object" && !Array.isArray(data20)){
if(data20.reason === undefined){
const err45 = {instancePath:instancePath+"/release/emergency",schemaPath:"#/properties/release/properties/emergency/required",keyword:"required",params:{missingProperty: "reason"},message:"must have required property '"+"reason"+"'",schema:schema11.properties.release.properties.emergency.required,parentSchema:schema11.properties.release.properties.emergency,data:data20};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
if(data20.time === undefined){
const err46 = {instancePath:instancePath+"/release/emergency",schemaPath:"#/properties/release/properties/emergency/required",keyword:"required",params:{missingProperty: "time"},message:"must have required property '"+"time"+"'",schema:schema11.properties.release.properties.emergency.required,parentSchema:schema11.properties.release.properties.emergency,data:data20};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
for(const key5 in data20){
if(!((key5 === "reason") || (key5 === "time"))){
const err47 = {instancePath:instancePath+"/release/emergency",schemaPath:"#/properties/release/properties/emergency/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.release.properties.emergency,data:data20};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data20.reason !== undefined){
let data21 = data20.reason;
if(typeof data21 === "string"){
if(func3(data21) < 1){
const err48 = {instancePath:instancePath+"/release/emergency/reason",schemaPath:"#/properties/release/properties/emergency/properties/reason/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.release.properties.emergency.properties.reason,data:data21};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
else {
const err49 = {instancePath:instancePath+"/release/emergency/reason",schemaPath:"#/properties/release/properties/emergency/properties/reason/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.release.properties.emergency.properties.reason.type,parentSchema:schema11.properties.release.properties.emergency.properties.reason,data:data21};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
if(data20.time !== undefined){
let data22 = data20.time;
if(typeof data22 === "string"){
if(!pattern6.test(data22)){
const err50 = {instancePath:instancePath+"/release/emergency/time",schemaPath:"#/definitions/time/pattern",keyword:"pattern",params:{pattern: "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$"},message:"must match pattern \""+"^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$"+"\"",schema:"^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$",parentSchema:schema15,data:data22};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
else {
const err51 = {instancePath:instancePath+"/release/emergency/time",schemaPath:"#/definitions/time/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.type,parentSchema:schema15,data:data22};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
}
else {
const err52 = {instancePath:instancePath+"/release/emergency",schemaPath:"#/properties/release/properties/emergency/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.release.properties.emergency.type,parentSchema:schema11.properties.release.properties.emergency,data:data20};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
if(data0.verified !== undefined){
let data23 = data0.verified;
if(data23 && typeof data23 == "object" && !Array.isArray(data23)){
if(data23.time === undefined){
const err53 = {instancePath:instancePath+"/release/verified",schemaPath:"#/properties/release/properties/verified/required",keyword:"required",params:{missingProperty: "time"},message:"must have required property '"+"time"+"'",schema:schema11.properties.release.properties.verified.required,parentSchema:schema11.properties.release.properties.verified,data:data23};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
if(data23.application_commit === undefined){
const err54 = {instancePath:instancePath+"/release/verified",schemaPath:"#/properties/release/properties/verified/required",keyword:"required",params:{missingProperty: "application_commit"},message:"must have required property '"+"application_commit"+"'",schema:schema11.properties.release.properties.verified.required,parentSchema:schema11.properties.release.properties.verified,data:data23};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
if(data23.infrastructure_commit === undefined){
const err55 = {instancePath:instancePath+"/release/verified",schemaPath:"#/properties/release/properties/verified/required",keyword:"required",params:{missingProperty: "infrastructure_commit"},message:"must have required property '"+"infrastructure_commit"+"'",schema:schema11.properties.release.properties.verified.required,parentSchema:schema11.properties.release.properties.verified,data:data23};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
for(const key6 in data23){
if(!(((key6 === "time") || (key6 === "application_commit")) || (key6 === "infrastructure_commit"))){
const err56 = {instancePath:instancePath+"/release/verified",schemaPath:"#/properties/release/properties/verified/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.release.properties.verified,data:data23};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
if(data23.time !== undefined){
let data24 = data23.time;
if(typeof data24 === "string"){
if(!pattern6.test(data24)){
const err57 = {instancePath:instancePath+"/release/verified/time",schemaPath:"#/definitions/time/pattern",keyword:"pattern",params:{pattern: "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$"},message:"must match pattern \""+"^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$"+"\"",schema:"^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$",parentSchema:schema15,data:data24};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
else {
const err58 = {instancePath:instancePath+"/release/verified/time",schemaPath:"#/definitions/time/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.type,parentSchema:schema15,data:data24};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
if(data23.application_commit !== undefined){
let data25 = data23.application_commit;
if(typeof data25 === "string"){
if(!pattern17.test(data25)){
const err59 = {instancePath:instancePath+"/release/verified/application_commit",schemaPath:"#/definitions/commit/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{40}([0-9a-f]{24})?$"},message:"must match pattern \""+"^[0-9a-f]{40}([0-9a-f]{24})?$"+"\"",schema:"^[0-9a-f]{40}([0-9a-f]{24})?$",parentSchema:schema22,data:data25};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
else {
const err60 = {instancePath:instancePath+"/release/verified/application_commit",schemaPath:"#/definitions/commit/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.type,parentSchema:schema22,data:data25};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
if(data23.infrastructure_commit !== undefined){
let data26 = data23.infrastructure_commit;
if(typeof data26 === "string"){
if(!pattern17.test(data26)){
const err61 = {instancePath:instancePath+"/release/verified/infrastructure_commit",schemaPath:"#/definitions/commit/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{40}([0-9a-f]{24})?$"},message:"must match pattern \""+"^[0-9a-f]{40}([0-9a-f]{24})?$"+"\"",schema:"^[0-9a-f]{40}([0-9a-f]{24})?$",parentSchema:schema22,data:data26};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
else {
const err62 = {instancePath:instancePath+"/release/verified/infrastructure_commit",schemaPath:"#/definitions/commit/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.type,parentSchema:schema22,data:data26};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
}
else {
const err63 = {instancePath:instancePath+"/release/verified",schemaPath:"#/properties/release/properties/verified/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.release.properties.verified.type,parentSchema:schema11.properties.release.properties.verified,data:data23};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
if(data0.downgrade !== undefined){
let data27 = data0.downgrade;
if(true !== data27){
const err64 = {instancePath:instancePath+"/release/downgrade",schemaPath:"#/properties/release/properties/downgrade/const",keyword:"const",params:{allowedValue: true},message:"must be equal to constant",schema:true,parentSchema:schema11.properties.release.properties.downgrade,data:data27};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
if(data0.rollback_of !== undefined){
let data28 = data0.rollback_of;
if(typeof data28 === "string"){
if(!pattern0.test(data28)){
const err65 = {instancePath:instancePath+"/release/rollback_of",schemaPath:"#/properties/release/properties/rollback_of/pattern",keyword:"pattern",params:{pattern: "^[0-9A-Za-z][0-9A-Za-z._@+-]*$"},message:"must match pattern \""+"^[0-9A-Za-z][0-9A-Za-z._@+-]*$"+"\"",schema:"^[0-9A-Za-z][0-9A-Za-z._@+-]*$",parentSchema:schema11.properties.release.properties.rollback_of,data:data28};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
else {
const err66 = {instancePath:instancePath+"/release/rollback_of",schemaPath:"#/properties/release/properties/rollback_of/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.release.properties.rollback_of.type,parentSchema:schema11.properties.release.properties.rollback_of,data:data28};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data0.notes !== undefined){
let data29 = data0.notes;
if(typeof data29 !== "string"){
const err67 = {instancePath:instancePath+"/release/notes",schemaPath:"#/properties/release/properties/notes/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.release.properties.notes.type,parentSchema:schema11.properties.release.properties.notes,data:data29};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
}
else {
const err68 = {instancePath:instancePath+"/release",schemaPath:"#/properties/release/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.release.type,parentSchema:schema11.properties.release,data:data0};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
}
else {
const err69 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.type,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}
