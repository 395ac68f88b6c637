/**
 * Communities (社区 / 嘎查村): their code, centre, boundary and the travel-time limit of their 15-minute circle.
 * Set up by the operator; read by everyone who needs to choose or cover one.
 */
package cn.carecircle.api.community;
