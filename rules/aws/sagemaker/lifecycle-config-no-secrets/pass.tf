# The secret stays in Secrets Manager; the script reads it under the execution role.
resource "aws_sagemaker_notebook_instance_lifecycle_configuration" "reads_secret" {
  name = "reads-secret"
  on_start = base64encode(<<-SCRIPT
    #!/bin/bash
    set -e
    TOKEN=$(aws secretsmanager get-secret-value --secret-id ml/hub-token --query SecretString --output text)
    pip install --quiet numpy pandas
  SCRIPT
  )
}

resource "aws_sagemaker_studio_lifecycle_config" "no_script_secret" {
  studio_lifecycle_config_name     = "no-script-secret"
  studio_lifecycle_config_app_type = "JupyterLab"
  studio_lifecycle_config_content  = base64encode("pip install --quiet scikit-learn==1.5.2")
}
