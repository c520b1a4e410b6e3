@echo off
rem skysync, from an unpacked release archive: needs a Java 17+ runtime (JAVA_HOME or java on PATH).
rem lib\ holds the client; backend\ the embedded local backend. SKYSYNC_JAVA_OPTS adds JVM options.
setlocal
set "SKYSYNC_HOME=%~dp0.."
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
set "CP=%SKYSYNC_HOME%\lib\*"
rem A young generation of 400 MiB unless the options size the heap (docs/performance.md, "No-op and start-up").
set "GC=-XX:+UseSerialGC -XX:NewSize=400m"
if defined SKYSYNC_JAVA_OPTS echo %SKYSYNC_JAVA_OPTS% | findstr /c:"-Xm" /c:"NewSize" /c:"HeapSize" >nul && set "GC=-XX:+UseSerialGC"
for %%f in ("%SKYSYNC_HOME%\backend\infra-*.jar") do set "CP=%SKYSYNC_HOME%\lib\*;%%~ff"
"%JAVA%" -XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=20000 -XX:Tier4CompileThreshold=60000 -XX:Tier4BackEdgeThreshold=400000 -Xshare:auto %GC% %SKYSYNC_JAVA_OPTS% -cp "%CP%" io.skysync.client.Main %*
exit /b %ERRORLEVEL%
